// Package scram is the server side of SCRAM-SHA-256 and SCRAM-SHA-256-PLUS
// (RFC 5802, RFC 7677): the stored keys a server keeps instead of a
// password, the parsers for the client's two messages, and the
// conversation itself.
//
// go-sasl has no SCRAM server, so this is our own, written from the RFCs
// and checked against RFC 7677 §3's example exchange byte for byte. It
// knows nothing of imapd.conf or user names beyond RFC 5802's saslname
// syntax: package auth wraps it with identity rules and a credential
// store.
package scram

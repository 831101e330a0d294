// Package wire is the byte-level codec of Corvus's IMAP server: a Reader
// that frames one client command at a time (tag, name, arguments and
// literals, with every limit checked before memory is committed), a Decoder
// and per-command parsers that turn the framed arguments into go-imap/v2's
// imap vocabulary without doing any I/O, and a Writer for responses.
//
// The grammar is RFC 3501 §9 and RFC 9051 §9 with the ABNF of the
// extensions Corvus speaks: LITERAL+/LITERAL- (RFC 7888), BINARY (RFC 3516),
// CONDSTORE/QRESYNC (RFC 7162), ESEARCH (RFC 4731), SEARCHRES (RFC 5182),
// LIST-EXTENDED (RFC 5258), LIST-STATUS (RFC 5819), SPECIAL-USE (RFC 6154),
// UTF8=ACCEPT (RFC 6855), APPENDLIMIT (RFC 7889), ID (RFC 2971), ENABLE
// (RFC 5161), STATUS=SIZE (RFC 8438), SAVEDATE (RFC 8514), OBJECTID
// (RFC 8474), WITHIN (RFC 5032), PREVIEW (RFC 8970) and MULTIAPPEND
// (RFC 3502).
//
// The package knows nothing about sessions, mailboxes or the store: the
// protocol engine decides what a command means and which answer it gets.
package wire

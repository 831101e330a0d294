// Package lmtp is Corvus's LMTP protocol engine (RFC 2033): the part of
// lmtpd that speaks the protocol, spools the message and hands it to a
// Backend, which resolves recipients and delivers.
//
// One Server serves any number of connections, one ServeConn call each.
// The engine follows Cyrus lmtpd's wire behaviour (reply codes and texts,
// the trace headers it prepends, the checks on message content) and adds
// CHUNKING (RFC 3030), which Cyrus lacks.
//
// Extensions announced in the LHLO reply: 8BITMIME (RFC 6152),
// ENHANCEDSTATUSCODES (RFC 2034, codes from RFC 3463), PIPELINING
// (RFC 2920), SIZE (RFC 1870), CHUNKING, STARTTLS (RFC 3207), AUTH
// (RFC 4954) and Cyrus's IGNOREQUOTA.
//
// Decisions where Cyrus or the RFCs leave room:
//   - Session id: one per connection, "<servername>-<pid>-<unix time>-<n>".
//     The engine appends " SESSIONID=<id>" to every per-recipient reply
//     after the message whose code is 2xx or whose enhanced code is
//     4.2.2/5.2.2 (over quota), as Cyrus does; backends leave it out.
//   - VRFY answers 252 2.3.3, as Cyrus.
//   - As Cyrus, STARTTLS and AUTH are neither offered nor accepted once
//     the client counts as authenticated (Options.PreAuth or after AUTH);
//     MAIL needs LHLO first and an authenticated client (530 5.7.0, or
//     430 4.7.0 with soft_noauth).
//   - Empty messages and messages without a header/body separator are
//     accepted (as Cyrus 3.x); the engine adds the trace headers and, as
//     Cyrus, Message-ID and Date when missing, and drops any Return-Path
//     the client sent. A present but empty Message-ID is refused as an
//     invalid header, as Cyrus.
//   - The message size limit counts the client's octets after
//     dot-unstuffing, without the headers the engine adds.
//   - A bare CR, like a bare LF, makes the message undeliverable (Cyrus
//     only refuses bare LF).
//   - 8-bit header octets are left alone under BODY=8BITMIME; otherwise
//     they are refused (reject8bit), kept (munge8bit: no) or replaced by
//     'X' (munge8bit, the default).
//   - A BDAT whose size cannot be parsed is answered 501 and the
//     connection closed: the octets that follow cannot be found.
package lmtp

// Package userdeny is the per-user deny list Cyrus keeps in user_deny.db
// and edits with cyr_deny: a user listed there, for a service matching
// the entry's wildmat list, is refused with the entry's message. imapd
// and idled end such a user's sessions with "* BYE [ALERT] <message>",
// lmtpd refuses such an authenticated client's recipients.
//
// The file is Cyrus's own "flat" database (userdeny_db: flat, Cyrus's
// default), byte for byte, so a Cyrus deny list keeps working: one
// record a line, the user and the value separated by a tab, records
// sorted by user; tab, CR, LF and NUL inside a field are written as the
// byte 0xFF followed by the byte with its high bit set, and 0xFF itself as
// 0xFF 0xFF. The value is "2", the record version, then the services
// wildmat and the message, tab-separated.
package userdeny

// Package telemetry writes Cyrus-format per-user protocol logs, with the
// credentials that pass through masked.
//
// As Cyrus: telemetry is on for a user while the directory
// <configdirectory>/log/<userid>/ exists (the admin creates or removes it; no
// restart), and a session appends to <configdirectory>/log/<userid>/<ident>-<id>,
// where ident is the service identity ("imap", "lmtp", …) and id the process
// id, or the session id with telemetry_bysessionid (see ID). Unlike Cyrus,
// which creates the file 0644, Corvus creates it 0600: it holds mail.
//
// # File format
//
// The first line, as Cyrus, is a header holding the user and a ctime(3) date:
//
//	---------- alice Tue Mar  5 07:08:09 2024
//
// Then every buffer read from the client is written after a marker
// "<TIMESTAMP<" and every buffer flushed to the client after ">TIMESTAMP>",
// TIMESTAMP being Unix seconds. The data follows raw, CRLFs included, so a
// marker precedes each chunk, not each line:
//
//	<1709622489<a1 SELECT INBOX
//	>1709622489>* 3 EXISTS
//	a1 OK [READ-WRITE] Completed
//
// Corvus adds two lines of the same "---------- " shape, each ending with a
// ctime date; Cyrus writes neither:
//
//	---------- handed over to pid 4242 (thaw) Tue Mar  5 07:09:00 2024
//	---------- rusage utime=0.012000 stime=0.004000 maxrss=9216kB Tue Mar  5 07:10:00 2024
//
// The first is written by Reopen when another process (idled, an imapd -R
// worker) continues a session after hibernation; the parenthesised note is
// optional. The second is written by Close(true) at logout, in place of
// Cyrus's telemetry_rusage: CPU seconds used by the process since the log
// was opened, and the process's peak resident size (Linux reports kB).
//
// # Masking
//
// Cyrus starts logging after authentication, so the password that logged in
// is never in the file, but any later LOGIN or AUTHENTICATE would be. Corvus
// never writes a credential: the protocol engine, which knows what it is
// parsing, passes the byte ranges to hide to InputMasked, which writes
// Placeholder ("***") in their place. IMAPSpans finds LOGIN passwords and
// AUTHENTICATE initial responses (SASL-IR) in IMAP command bytes; SASLSpans
// finds the client's SASL payloads in AUTH/AUTHENTICATE command lines and in
// continuation lines, for imapd and lmtpd alike.
//
// Masking keeps the protocol framing but not literal lengths: a password sent
// as the literal {8}\r\n followed by 8 bytes is logged as {8}\r\n***, so a
// reader of the log cannot tell its length.
//
// A password sent as a synchronising literal arrives in a later read than
// the command that announces it. An engine that keeps the bytes of the
// current command (from its first byte on) can mask every chunk with
//
//	off := len(cmd)           // where the new chunk starts in cmd
//	cmd = append(cmd, chunk...)
//	spans := telemetry.IMAPSpans(cmd)
//	for i := range spans {
//		spans[i][0] -= off
//		spans[i][1] -= off
//	}
//	log.InputMasked(chunk, spans) // ranges are clipped to the chunk
//
// since IMAPSpans reports a password literal announced but not yet received
// as a range that ends past the bytes it was given.
package telemetry

// Package procinfo is Corvus's session registry, kept as Cyrus keeps its
// own: one file per serving process in <configdirectory>/proc/<pid>, so an
// admin's habits (ls proc/, cyr_info proc) carry over.
//
// A file holds one line per session the process serves, in Cyrus's
// layout: service, client host, user, mailbox and state, separated by
// tabs. imapd and lmtpd serve one session at a time and so write one
// line; idled writes one line per hibernated session it holds.
//
// The files are hints, not records: they are written without fsync, and a
// reader (List) drops the file of a process that is gone, or of a process
// that started after the file was last written (its pid was reused), so a
// worker killed with SIGKILL confuses nobody.
package procinfo

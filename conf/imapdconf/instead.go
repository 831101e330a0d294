package imapdconf

// insteadNotes tells an admin moving from Cyrus what Corvus does in place
// of a Cyrus option it ignores. Every key of Debian's stock imapd.conf
// that Corvus does not implement has an entry (tests/stockconf_test.go
// checks that against the installed file); other keys get insteadDefault.
var insteadNotes = map[string]string{
	"proc_path": "Instead, Corvus keeps no per-process state files: " +
		"master tracks its workers in memory.",
	"mboxname_lockpath": "Instead, Corvus needs no lock files: each user's store " +
		"is locked by SQLite inside the user's own database.",
	"newsspool": "This old Cyrus option set nntpd's news spool. " +
		"Instead, Corvus has no NNTP server, so nothing reads it.",
	"allowanonymouslogin": "Instead, Corvus never allows anonymous login: " +
		"\"anonymous\" is a reserved name that cannot log in (Cyrus's \"no\").",
	"popminpoll": "Instead, Corvus has no POP3 server, " +
		"so there is no POP3 poll interval to enforce.",
	"umask": "Instead, Corvus creates store files with mode 0640 and directories " +
		"with mode 0750, less the umask master was started with " +
		"(the systemd unit sets UMask=0027).",
	"sieveusehomedir": insteadSieve,
	"sievedir":        insteadSieve,
	"httpmodules": "Instead, Corvus has no HTTP server: " +
		"CalDAV, CardDAV and JMAP are not offered.",
	"hashimapspool": "Instead, Corvus always hashes its spool: a user's directory is " +
		"<partition>/<letter>/user/<name>, as Cyrus with hashimapspool on " +
		"and fulldirhash off.",
	"sasl_auto_transition": "Instead, Corvus never writes passwords while checking them: " +
		"with sasl_pwcheck_method auxprop it reads corvus_passwd_file, which " +
		"corvus_passwd(8) maintains; Cyrus's sasldb is not read.",
	"tls_session_timeout": "Instead, Corvus keeps no TLS session cache: " +
		"TLS sessions resume with tickets whose keys live in each worker's memory.",
}

// insteadSieve is the note of the Sieve options.
const insteadSieve = "Instead, Corvus has no Sieve: lmtpd delivers to INBOX, " +
	"or to the mailbox a +detail address names when its ACL allows (see lmtpd(8))."

// insteadDefault is the note of an ignored key without an entry of its own.
const insteadDefault = "Instead, Corvus goes on as if the line were absent."

// insteadNote returns what Corvus does in place of the ignored option name.
func insteadNote(name string) string {
	if s, ok := insteadNotes[name]; ok {
		return s
	}
	return insteadDefault
}

// joinNotes joins the non-empty notes with a blank.
func joinNotes(notes ...string) string {
	out := ""
	for _, n := range notes {
		if n == "" {
			continue
		}
		if out != "" {
			out += " "
		}
		out += n
	}
	return out
}

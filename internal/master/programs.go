package master

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/corvusmail/corvus/conf/cyrusconf"
	"github.com/hashicorp/hcl/v2"
)

// cyrusPrograms are the programs a Cyrus installation keeps in its libexec
// or sbin directory. A cyrus.conf entry running one that Corvus does not
// ship is skipped with a warning instead of failing start-up, so that a
// stock Cyrus cyrus.conf works unchanged; any other missing program is an
// error, as in Cyrus. The value says what Corvus does in the program's
// place ("" for programs Corvus has no counterpart to); Corvus's own
// programs are listed as ownProgram, for an install that lacks them.
var cyrusPrograms = map[string]string{
	"arbitron": "", "backupd": "", "calalarmd": "", "chk_cyrus": "",
	"ctl_conversationsdb": "", "ctl_cyrusdb": noNeedCyrusDB,
	"ctl_deliver": "", "ctl_mboxlist": "", "ctl_zoneinfo": "", "cvt_cyrusdb": "",
	"cyr_backup": "", "cyr_buildinfo": "", "cyr_dbtool": "", "cyr_deny": "",
	"cyr_df": "", "cyr_expire": noNeedExpire, "cyr_info": "", "cyr_ls": "", "cyr_synclog": "",
	"cyr_userseen": "", "cyr_virusscan": "", "expire": noNeedExpire, "dav_reconstruct": "", "deliver": "",
	"fud": "", "httpd": noHTTP, "idled": ownProgram, "imapd": ownProgram, "ipurge": ownProgram, "lmtpd": ownProgram,
	"lmtpproxyd": "", "mbexamine": "", "mbpath": "", "mbtool": "", "mupdate": "",
	"nntpd": noNNTP, "notifyd": ownProgram, "pop3d": noPOP3, "pop3proxyd": noPOP3, "promstatsd": "",
	"proxyd": "", "ptloader": "", "quota": ownProgram, "reconstruct": ownProgram, "relocate_by_id": "",
	"smmapd": "", "squatter": "", "sync_client": "", "sync_reset": "", "sync_server": "",
	"timsieved": noSieve, "tls_prune": noNeedTLSPrune, "unexpunge": "",
}

// Debian's wrapper calls cyr_expire "expire"; it is listed above too.

// What Corvus does in place of the Cyrus programs it does not ship. The
// noNeed ones are jobs Corvus does by itself, so the entry is not needed.
const (
	ownProgram     = "own"
	noNeedCyrusDB  = "its store (SQLite in WAL mode) recovers and checkpoints itself"
	noNeedExpire   = "duplicate-delivery records older than 3 days are dropped at each delivery, and expunged messages and deleted mailboxes are removed at once, so nothing is left to expire"
	noNeedTLSPrune = "Corvus keeps no TLS session database to prune; sessions resume with tickets whose keys live in each worker's memory"
	noHTTP         = "Corvus has no HTTP server, so CalDAV, CardDAV and JMAP are not offered"
	noNNTP         = "Corvus has no NNTP server"
	noPOP3         = "Corvus serves IMAP only; POP3 clients must move to IMAP"
	noSieve        = "Corvus has no Sieve, hence no ManageSieve: lmtpd delivers to INBOX or to a +detail mailbox (see lmtpd(8))"
)

// skipDetail explains a skipped entry: what runs there in Cyrus and what
// Corvus does instead.
func skipDetail(section, entry, prog, libexec string) string {
	why := cyrusPrograms[prog]
	head := fmt.Sprintf("%s entry %q runs the Cyrus program %q", section, entry, prog)
	switch {
	case why == ownProgram:
		return fmt.Sprintf("%s, which Corvus provides, but it is not installed in %s. "+
			"Instead, Corvus skips the entry until %s is installed beside master (make install puts it there).",
			head, libexec, prog)
	case why == noNeedCyrusDB || why == noNeedExpire || why == noNeedTLSPrune:
		return fmt.Sprintf("%s, which Corvus does not need. Instead, Corvus skips the entry: %s.", head, why)
	case why != "":
		return fmt.Sprintf("%s, which Corvus does not provide. Instead, Corvus skips the entry: %s.", head, why)
	}
	return fmt.Sprintf("%s, which Corvus does not provide (looked in %s). "+
		"Instead, Corvus skips the entry; it has no counterpart to this program.", head, libexec)
}

// debianWrapper is the launcher Debian's cyrus.conf puts in front of its
// admin programs (`cmd="/usr/sbin/cyrus ctl_cyrusdb -r"`).
const debianWrapper = "/usr/sbin/cyrus"

// resolveArgv finds the program of an entry's argv. Relative names are
// looked up in libexec (as Cyrus looks them up in its libexec directory).
// It returns skip=true with a warning for a Cyrus program Corvus does not
// ship, and an error diagnostic for any other program that is missing.
func resolveArgv(e *cyrusconf.Entry, section, libexec, imapdConf string) (argv []string, skip bool, diags hcl.Diagnostics) {
	argv = append([]string(nil), e.Cmd...)
	if argv[0] == debianWrapper && len(argv) > 1 {
		// Debian's wrapper runs Cyrus's own program of that name (from
		// /usr/lib/cyrus/bin), which knows nothing of Corvus's store:
		// Corvus runs its program of the name instead, even where
		// cyrus-common is still installed beside it (a migration).
		argv = argv[1:]
	}
	path := argv[0]
	if !filepath.IsAbs(path) {
		path = filepath.Join(libexec, path)
	}
	if st, err := os.Stat(path); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
		argv[0] = path
		return withConfig(argv, libexec, imapdConf), false, nil
	}
	base := filepath.Base(argv[0])
	if _, ok := cyrusPrograms[base]; ok {
		summary := "Cyrus program not provided by Corvus"
		if cyrusPrograms[base] == ownProgram {
			summary = "Corvus program not installed"
		}
		return nil, true, hcl.Diagnostics{{
			Severity: hcl.DiagWarning,
			Summary:  summary,
			Detail:   skipDetail(section, e.Name, base, libexec),
			Subject:  e.Range.Ptr(),
		}}
	}
	return nil, false, hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "program not found",
		Detail:   fmt.Sprintf("%s entry %q: %s is not an executable file.", section, e.Name, path),
		Subject:  e.Range.Ptr(),
	}}
}

// withConfig passes the master's imapd.conf on to a program, as Cyrus's
// master adds "-C file" to the programs it runs so they read the same
// file. Only Corvus's own programs (those in libexec) get it: an arbitrary
// command such as /bin/touch would not understand the flag. A cmd= that
// already names a -C keeps its own.
func withConfig(argv []string, libexec, imapdConf string) []string {
	if imapdConf == "" || filepath.Dir(argv[0]) != filepath.Clean(libexec) {
		return argv
	}
	for _, a := range argv[1:] {
		if a == "-C" {
			return argv
		}
	}
	out := append([]string{argv[0], "-C", imapdConf}, argv[1:]...)
	return out
}

// argvString renders argv for logs.
func argvString(argv []string) string { return strings.Join(argv, " ") }

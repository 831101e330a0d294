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
// error, as in Cyrus.
var cyrusPrograms = map[string]string{
	"arbitron": "", "backupd": "", "calalarmd": "", "chk_cyrus": "",
	"ctl_conversationsdb": "", "ctl_cyrusdb": "its store recovers and checkpoints itself",
	"ctl_deliver": "", "ctl_mboxlist": "", "ctl_zoneinfo": "", "cvt_cyrusdb": "",
	"cyr_backup": "", "cyr_buildinfo": "", "cyr_dbtool": "", "cyr_deny": "",
	"cyr_df": "", "cyr_expire": "", "cyr_info": "", "cyr_ls": "", "cyr_synclog": "",
	"cyr_userseen": "", "cyr_virusscan": "", "expire": "", "dav_reconstruct": "", "deliver": "",
	"fud": "", "httpd": "", "idled": "", "imapd": "", "ipurge": "", "lmtpd": "",
	"lmtpproxyd": "", "mbexamine": "", "mbpath": "", "mbtool": "", "mupdate": "",
	"nntpd": "", "notifyd": "", "pop3d": "", "pop3proxyd": "", "promstatsd": "",
	"proxyd": "", "ptloader": "", "quota": "", "reconstruct": "", "relocate_by_id": "",
	"smmapd": "", "squatter": "", "sync_client": "", "sync_reset": "", "sync_server": "",
	"timsieved": "", "tls_prune": "", "unexpunge": "",
}

// Debian's wrapper calls cyr_expire "expire"; it is listed above too.

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
	if why, ok := cyrusPrograms[base]; ok {
		detail := fmt.Sprintf("%s entry %q runs the Cyrus program %q, which Corvus does not provide (looked in %s); the entry is skipped.", section, e.Name, base, libexec)
		if why != "" {
			detail = fmt.Sprintf("%s entry %q runs the Cyrus program %q, which Corvus does not need: %s. The entry is skipped.", section, e.Name, base, why)
		}
		return nil, true, hcl.Diagnostics{{
			Severity: hcl.DiagWarning,
			Summary:  "Cyrus program not provided by Corvus",
			Detail:   detail,
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

package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/bench/pgroup"
)

// cyrusPaths are where Debian's Cyrus programs are: cyrus-common's in
// /usr/lib/cyrus/bin, and imapd and idled from the cyrus-imapd package,
// unpacked by setup.sh (it conflicts with dovecot-imapd, so it is not
// installed).
type cyrusPaths struct{ common, imapd string }

// cyrusRealm is servername, and so the SASL realm the users are stored
// under in sasldb: Cyrus looks a LOGIN up as user@servername.
const cyrusRealm = "localhost"

// cyrusImapdConf is Cyrus's imapd.conf for a data folder dir: every path
// inside dir, users in a sasldb of its own, INBOXes created at first
// login or delivery, everything else at Cyrus's defaults (fsync
// included).
func cyrusImapdConf(dir string) string {
	return fmt.Sprintf(`configdirectory: %[1]s/conf
partition-default: %[1]s/spool
sievedir: %[1]s/sieve
idlesocket: %[1]s/conf/socket/idle
lmtpsocket: %[1]s/conf/socket/lmtp
notifysocket: %[1]s/conf/socket/notify
servername: %[2]s
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: %[1]s/sasldb2
sasl_mech_list: PLAIN LOGIN
allowplaintext: yes
autocreate_quota: 0
autocreate_post: 1
syslog_prefix: peers-cyrus
`, dir, cyrusRealm)
}

// cyrusConf is Cyrus's cyrus.conf. Cyrus's master does not pass its -C
// on to what it starts: every command names the imapd.conf itself, or it
// would read /etc/imapd.conf and work on the system's spool.
func cyrusConf(p cyrusPaths, conf string, c serverConfig, in *instance) string {
	return fmt.Sprintf(`START {
  recover cmd="%[1]s/ctl_cyrusdb -C %[3]s -r"
}
SERVICES {
  imap cmd="%[2]s/imapd -C %[3]s" listen="%[4]s" prefork=%[6]d maxchild=%[7]d
  lmtp cmd="%[1]s/lmtpd -C %[3]s -a" listen="%[5]s" prefork=2 maxchild=40
}
DAEMON {
  idled cmd="%[2]s/idled -C %[3]s"
}
`, p.common, p.imapd, conf, in.imap, in.lmtp, c.prefork, c.maxchild)
}

// startCyrus makes a data folder in the work directory, its users in a
// sasldb there, and starts Cyrus's master on it as root: master drops to
// the cyrus user, so the folder is that user's.
func startCyrus(p cyrusPaths, c serverConfig, in *instance) error {
	uid, gid, err := lookupUser("cyrus")
	if err != nil {
		return fmt.Errorf("Cyrus runs as the cyrus user (setup.sh): %w", err)
	}
	dir, err := os.MkdirTemp(c.work, "cyrus-")
	if err != nil {
		return fmt.Errorf("Cyrus data folder: %w", err)
	}
	in.dir, in.log, in.pinned = dir, filepath.Join(dir, "master.log"), "imapd"
	for _, sub := range []string{".", "conf", "conf/db", "conf/socket", "conf/proc", "conf/lock", "conf/log", "spool", "sieve"} {
		if _, err := subdir(dir, sub, uid, gid); err != nil {
			return err
		}
	}
	conf := filepath.Join(dir, "imapd.conf")
	files := map[string]string{conf: cyrusImapdConf(dir), filepath.Join(dir, "cyrus.conf"): cyrusConf(p, conf, c, in)}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	if err := cyrusUsers(filepath.Join(dir, "sasldb2"), c.users, c.pass, uid, gid); err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(p.common, "master"), "-C", conf, "-M", filepath.Join(dir, "cyrus.conf"),
		"-p", filepath.Join(dir, "master.pid"), "-L", in.log)
	if in.proc, err = pgroup.Start(cmd, nil, nil); err != nil {
		return fmt.Errorf("start Cyrus master: %w", err)
	}
	in.stop = in.proc.Stop
	return in.waitGreeting()
}

// cyrusUsers stores every user with saslpasswd2, as a Cyrus admin does,
// and hands the database to the cyrus user.
func cyrusUsers(db string, users []string, pass string, uid, gid int) error {
	for _, u := range users {
		cmd := exec.Command("saslpasswd2", "-p", "-c", "-f", db, "-u", cyrusRealm, u)
		cmd.Stdin = strings.NewReader(pass)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("saslpasswd2 %s: %w: %s", u, err, out)
		}
	}
	if err := os.Chown(db, uid, gid); err != nil {
		return fmt.Errorf("hand %s to cyrus: %w", db, err)
	}
	return nil
}

// lookupUser returns a system user's uid and gid.
func lookupUser(name string) (uid, gid int, err error) {
	u, err := user.Lookup(name)
	if err != nil {
		return -1, -1, err
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err1 != nil || err2 != nil {
		return -1, -1, fmt.Errorf("user %s: uid %q gid %q", name, u.Uid, u.Gid)
	}
	return uid, gid, nil
}

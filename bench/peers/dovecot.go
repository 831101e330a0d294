package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/pgroup"
)

// dovecotUser owns Dovecot's mail (setup.sh makes it): Dovecot refuses to
// store mail as root or as its own internal users.
const dovecotUser = "vmail"

// dovecotConf is a complete dovecot.conf for a data folder dir; nothing
// comes from /etc/dovecot. Settings beyond Dovecot's defaults:
//   - its own base_dir, state_dir and log file, so it is not the system
//     service and leaves /run and /var/lib alone;
//   - users in a passwd-file ({PLAIN}, as sasldb stores Cyrus's) and a
//     static userdb, plaintext LOGIN allowed without TLS on loopback;
//   - process_min_avail of imap-login = prefork (the counterpart of
//     Cyrus's and Corvus's prefork: imap-login sends the greeting);
//   - limits raised for the idling sessions (imap process_limit,
//     mail_max_userip_connections, default_client_limit for anvil, auth
//     and stats, which every imap process talks to);
//   - imap_hibernate_timeout, 0 (off, Dovecot's default) or the
//     hibernating instance's, with imap-master's socket open to the
//     imap-hibernate process (Dovecot's documented set-up).
//
// mail_fsync stays at its default (optimized: fsync before replying to a
// delivery or APPEND).
func dovecotConf(dir, mailLocation string, firstUID int, c serverConfig, in *instance) string {
	return fmt.Sprintf(`protocols = imap lmtp
listen = 127.0.0.1
base_dir = %[1]s/run
state_dir = %[1]s/state
instance_name = peers-%[9]s
log_path = %[1]s/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %%Ln
first_valid_uid = %[8]d
default_client_limit = %[12]d
passdb {
  driver = passwd-file
  args = %[1]s/users
}
userdb {
  driver = static
  args = uid=%[10]s gid=%[10]s home=%[1]s/home/%%u allow_all_users=yes
}
mail_location = %[2]s
mail_max_userip_connections = %[6]d
imap_hibernate_timeout = %[7]ds
service imap-login {
  inet_listener imap {
    address = %[3]s
    port = %[4]d
  }
  inet_listener imaps {
    port = 0
  }
  process_min_avail = %[5]d
}
service imap {
  process_limit = %[6]d
  unix_listener imap-master {
    user = $default_internal_user
  }
}
service lmtp {
  inet_listener lmtp {
    address = %[3]s
    port = %[11]d
  }
}
`, dir, mailLocation, in.imap.Addr(), in.imap.Port(), c.prefork, c.maxchild+100,
		int(c.hib/time.Second), firstUID, filepath.Base(dir), dovecotUser, in.lmtp.Port(), max(c.maxchild+100, 1000))
}

// dovecotMail is the mail_location of a format: sdbox by default,
// Dovecot's own format (a file per message and an index, the layout
// closest to Cyrus's and Corvus's, and the one Dovecot's documentation
// recommends for performance), or Maildir, the most common one.
func dovecotMail(format string) (string, error) {
	switch format {
	case "sdbox":
		return "sdbox:~/mail", nil
	case "maildir":
		return "maildir:~/Maildir", nil
	}
	return "", fmt.Errorf("Dovecot mail format %q: sdbox or maildir", format)
}

// startDovecot makes a data folder in the work directory with its
// dovecot.conf and users and starts dovecot in the foreground as root on
// it.
func startDovecot(format string, c serverConfig, in *instance) error {
	uid, gid, err := lookupUser(dovecotUser)
	if err != nil {
		return fmt.Errorf("Dovecot stores mail as the %s user (setup.sh): %w", dovecotUser, err)
	}
	loc, err := dovecotMail(format)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp(c.work, "dovecot-")
	if err != nil {
		return fmt.Errorf("Dovecot data folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // login and auth processes reach base_dir
		return err
	}
	in.dir, in.log, in.pinned = dir, filepath.Join(dir, "dovecot.log"), "imap"
	if _, err := subdir(dir, "home", uid, gid); err != nil {
		return err
	}
	var users strings.Builder
	for _, u := range c.users {
		fmt.Fprintf(&users, "%s:{PLAIN}%s::::::\n", u, c.pass)
	}
	conf := filepath.Join(dir, "dovecot.conf")
	files := map[string]string{filepath.Join(dir, "users"): users.String(), conf: dovecotConf(dir, loc, min(uid, 100), c, in)}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	// What dovecot says before it opens log_path (a refused setting)
	// goes to the same file.
	logf, err := os.OpenFile(in.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("Dovecot log: %w", err)
	}
	cmd := exec.Command("dovecot", "-F", "-c", conf)
	cmd.Stdout, cmd.Stderr = logf, logf
	if in.proc, err = pgroup.Start(cmd, func() { logf.Close() }, nil); err != nil {
		logf.Close()
		return fmt.Errorf("start dovecot: %w", err)
	}
	in.stop = in.proc.Stop
	return in.waitGreeting()
}

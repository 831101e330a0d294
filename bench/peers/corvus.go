package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
)

// serverConfig is what every instance is started with.
type serverConfig struct {
	work     string   // the work directory; each instance makes its own folder in it
	users    []string // user names, all with password pass
	pass     string
	prefork  int           // ready IMAP processes (prefork, process_min_avail)
	maxchild int           // IMAP processes at most: the idling sessions and some
	hib      time.Duration // hibernation after this long in IDLE; 0 for none
	// Corvus only: more imapd.conf lines and cyrus.conf SERVICES lines,
	// the hook for settings this tool does not know yet.
	corvusConf, corvusServices string
	corvusBin                  string
	corvusEnv                  []string // added to master's environment, which its workers inherit
}

// corvusImapdConf is the imapd.conf Corvus runs with beyond what
// benchmaster writes (partition, password file, plaintext LOGIN):
// everything else at its default, fsync included.
func corvusImapdConf(c serverConfig) string {
	conf := "autocreate_post: yes\n"
	// Said even when 0: the option's default (30 s) would hibernate the
	// sessions of a long run.
	conf += fmt.Sprintf("imap_hibernate_timeout: %ds\n", int(c.hib/time.Second))
	return conf + c.corvusConf
}

// corvusCyrusConf is Corvus's cyrus.conf: imapd and lmtpd on TCP, idled
// to wake IDLE sessions, as conf/dev has them.
func corvusCyrusConf(c serverConfig, in *instance) string {
	var b strings.Builder
	b.WriteString("SERVICES {\n")
	imapd := "imapd"
	if c.hib > 0 {
		// A worker whose session went to idled waits for its next client
		// for -T (60 s, then up to as long again) before it exits, as a
		// Cyrus worker does; -T 2 lets the memory reading see hibernated
		// sessions without a worker each within seconds. Workers that never
		// had a client stay (prefork).
		imapd = "imapd -T 2"
	}
	fmt.Fprintf(&b, "  imap cmd=\"%s\" listen=\"%s\" prefork=%d maxchild=%d\n", imapd, in.imap, c.prefork, c.maxchild)
	fmt.Fprintf(&b, "  lmtp cmd=\"lmtpd -a\" listen=\"%s\" prefork=2 maxchild=40\n", in.lmtp)
	if c.hib > 0 {
		// Without the thaw service idled hibernates nothing (imapd(8),
		// HIBERNATION); its socket is imap_thaw_socket's default.
		fmt.Fprintf(&b, "  imapthaw cmd=\"%s -R\" listen=\"%s/socket/imapthaw\" prefork=1 maxchild=20\n", imapd, in.dir)
	}
	for _, l := range strings.Split(strings.TrimSpace(c.corvusServices), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			fmt.Fprintf(&b, "  %s\n", strings.ReplaceAll(l, "{dir}", in.dir))
		}
	}
	b.WriteString("}\nDAEMON {\n  idled cmd=\"idled\"\n}\n")
	return b.String()
}

// startCorvus starts bin/master on a new configdirectory in the work
// directory, with every user in its password file.
func startCorvus(c serverConfig, in *instance) error {
	d, err := benchmaster.NewStoreDirIn(c.work, c.corvusBin, "peers", corvusImapdConf(c))
	if err != nil {
		return err
	}
	in.dir, in.pinned = d.Path("."), "imapd"
	if err := corvusUsers(d, c.users, c.pass); err != nil {
		return err
	}
	m, err := d.Start(corvusCyrusConf(c, in), benchmaster.Options{Env: c.corvusEnv})
	if err != nil {
		return err
	}
	in.proc, in.log, in.stop = m.Process, m.Log, m.Stop
	if err := m.WaitWorkers(c.prefork); err != nil {
		return err
	}
	return in.waitGreeting()
}

// corvusUsers writes the password file: corvus_passwd makes the first
// user's line, and the others get a copy of its credentials. Every user
// has the same password, and hashing it afresh for each would cost tens
// of milliseconds of Argon2 per user for nothing measured.
func corvusUsers(d *benchmaster.Dir, users []string, pass string) error {
	if err := d.AddUser(users[0], pass); err != nil {
		return err
	}
	b, err := os.ReadFile(d.Path("corvus.passwd"))
	if err != nil {
		return fmt.Errorf("read password file: %w", err)
	}
	line := strings.TrimSpace(string(b))
	creds, ok := strings.CutPrefix(line, users[0]+":")
	if !ok || strings.Contains(creds, "\n") {
		return fmt.Errorf("corvus_passwd wrote %q, not one line for %s", line, users[0])
	}
	var out strings.Builder
	for _, u := range users {
		out.WriteString(u + ":" + creds + "\n")
	}
	// The file exists, owned by master's user with mode 0600: writing it
	// keeps both.
	if err := os.WriteFile(d.Path("corvus.passwd"), []byte(out.String()), 0o600); err != nil {
		return fmt.Errorf("write password file: %w", err)
	}
	return nil
}

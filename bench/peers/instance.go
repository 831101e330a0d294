package main

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/pgroup"
	"github.com/corvusmail/corvus/bench/wireline"
)

// instance is one running server: its master process (Corvus's or
// Cyrus's master, Dovecot's dovecot) in a process group of its own, with
// an IMAP and an LMTP listener on 127.0.0.1 and a data folder under the
// work directory.
type instance struct {
	name       string // as the results name it: "Corvus", "Dovecot (hibernating)"
	kind       string // corvus, cyrus or dovecot
	imap, lmtp netip.AddrPort
	proc       *pgroup.Process
	dir, log   string
	// pinned is the command name of the process an idling session
	// keeps (Corvus's and Cyrus's imapd, Dovecot's imap): counted to see
	// that sessions have hibernated.
	pinned string
	// hibernate is the IDLE time after which the server hands a session
	// off to a process that holds it without a process of its own; 0 for
	// an instance that does not.
	hibernate time.Duration
	stop      func()
}

// readyTimeout bounds a server's start-up until both listeners greet.
const readyTimeout = 60 * time.Second

// waitGreeting polls the instance until its IMAP and LMTP listeners both
// answer with a greeting, or the process exits, or readyTimeout passes.
func (in *instance) waitGreeting() error {
	deadline := time.Now().Add(readyTimeout)
	var last error
	for time.Now().Before(deadline) {
		if in.proc.HasExited() {
			return fmt.Errorf("%s exited during start-up%s", in.name, in.logTail())
		}
		last = greets(in)
		if last == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready in %v: %v%s", in.name, readyTimeout, last, in.logTail())
}

// greets opens one IMAP and one LMTP connection and closes them again.
func greets(in *instance) error {
	ic, err := dialIMAP(in.imap.String())
	if err != nil {
		return err
	}
	ic.close()
	lc, err := dialLMTP(in.lmtp.String())
	if err != nil {
		return err
	}
	lc.close()
	return nil
}

// logTail is the last lines of the instance's log, for errors.
func (in *instance) logTail() string {
	b, err := os.ReadFile(in.log)
	if err != nil || len(b) == 0 {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > 15 {
		lines = lines[len(lines)-15:]
	}
	for i, l := range lines {
		lines[i] = wireline.Short(l)
	}
	return fmt.Sprintf("\n%s's log %s ends:\n  %s", in.name, in.log, strings.Join(lines, "\n  "))
}

// rootPID is the process whose tree is the server.
func (in *instance) rootPID() int { return in.proc.Pid() }

// subdir makes dir/name (and parents) owned by uid:gid when they are
// not negative.
func subdir(dir, name string, uid, gid int) (string, error) {
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(p, 0o750); err != nil {
		return "", fmt.Errorf("make %s: %w", p, err)
	}
	if uid >= 0 {
		if err := os.Chown(p, uid, gid); err != nil {
			return "", fmt.Errorf("hand %s to uid %d: %w", p, uid, err)
		}
	}
	return p, nil
}

package benchmaster

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/pgroup"
	"github.com/corvusmail/corvus/bench/procstat"
)

// ReadyTimeout bounds master's start-up: until the ready file, and until
// its preforked workers are there.
const ReadyTimeout = 20 * time.Second

// Master is bin/master running in the foreground (-D) on a Dir, in a
// process group of its own (see pgroup): Stop ends it and its workers.
type Master struct {
	*pgroup.Process
	// Log is master's log file, its stdout and stderr. Masters started
	// on the same Dir append to the same log.
	Log   string
	ready string
}

// Options are a master's extra settings; the zero value runs it as
// cyrus.conf says and nothing more.
type Options struct {
	Args []string // master flags after -D -C -M -r, e.g. "-l", "128"
	Env  []string // environment added to ours, which the workers inherit
	// RemoveDir makes Stop remove the Dir too: for a Dir made for this
	// one master.
	RemoveDir bool
}

// Start writes cyrusConf into the directory and starts master on it. It
// does not wait for anything: see WaitReady and WaitWorkers.
func (d *Dir) Start(cyrusConf string, o Options) (*Master, error) {
	if err := os.WriteFile(d.Path("cyrus.conf"), []byte(cyrusConf), 0o644); err != nil {
		return nil, fmt.Errorf("write cyrus.conf: %w", err)
	}
	m := &Master{Log: d.Path("master.log"), ready: d.Path("ready")}
	os.Remove(m.ready) // an earlier master's on the same directory
	logf, err := os.OpenFile(m.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("master log: %w", err)
	}
	argv := append([]string{"-D", "-C", d.Path("imapd.conf"), "-M", d.Path("cyrus.conf"), "-r", m.ready}, o.Args...)
	cmd := exec.Command(filepath.Join(d.bin, "master"), argv...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if len(o.Env) > 0 {
		cmd.Env = append(os.Environ(), o.Env...)
	}
	var stopped func()
	if o.RemoveDir {
		stopped = func() { d.Remove() }
	}
	m.Process, err = pgroup.Start(cmd, func() { logf.Close() }, stopped)
	if err != nil {
		logf.Close()
		return nil, err
	}
	return m, nil
}

// WaitReady waits until master has written its ready file: every service
// is bound.
func (m *Master) WaitReady() error {
	return m.WaitWorkers(0)
}

// WaitReadyWithin is WaitReady bounded by d instead of ReadyTimeout: for
// a master whose prefork takes longer (hundreds of workers on few CPUs),
// as master writes the ready file once the preforked workers are up.
func (m *Master) WaitReadyWithin(d time.Duration) error {
	return m.Poll(d, 10*time.Millisecond, "the ready file", func() bool {
		_, err := os.Stat(m.ready)
		return err == nil
	})
}

// WaitWorkers waits until master is ready and has at least n live
// children, its preforked workers.
func (m *Master) WaitWorkers(n int) error {
	what := "the ready file"
	if n > 0 {
		what = fmt.Sprintf("the ready file and %d workers", n)
	}
	return m.Poll(ReadyTimeout, 2*time.Millisecond, what, func() bool {
		if _, err := os.Stat(m.ready); err != nil {
			return false
		}
		return n <= 0 || len(procstat.Children(m.Pid())) >= n
	})
}

// Poll checks cond every step until it holds, master exits or d passes;
// the error of the last two names what was awaited and ends with the log.
func (m *Master) Poll(d, step time.Duration, what string, cond func() bool) error {
	deadline := time.Now().Add(d)
	for !cond() {
		if m.HasExited() {
			return fmt.Errorf("waiting for %s: master exited; log:\n%s", what, m.LogTail())
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out after %v waiting for %s; log:\n%s", d, what, m.LogTail())
		}
		time.Sleep(step)
	}
	return nil
}

// LogTail is the last 20 lines of master's log, for error messages.
func (m *Master) LogTail() string {
	b, _ := os.ReadFile(m.Log)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-20):], "\n")
}

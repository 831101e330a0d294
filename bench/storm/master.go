package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// readyTimeout bounds master's start-up.
const readyTimeout = 20 * time.Second

// masterRun is one master started for a measurement, with its own data
// directory holding imapd.conf, cyrus.conf, the ready file and its log.
type masterRun struct {
	*child
	dir     string
	logPath string
}

// startMaster writes the configuration into a fresh directory and starts
// bin/master in the foreground (-D) on it, with extra master flags args and
// extra environment env. It does not wait for anything; see waitReady and
// waitChildren.
func startMaster(bin, cyrusConf string, args, env []string) (*masterRun, error) {
	dir, err := newDataDir()
	if err != nil {
		return nil, err
	}
	imapd := filepath.Join(dir, "imapd.conf")
	cyrus := filepath.Join(dir, "cyrus.conf")
	base := fmt.Sprintf("configdirectory: %s\nmaster_pid_file: %s/master.pid\n", dir, dir)
	if err := os.WriteFile(imapd, []byte(base), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("write %s: %w", imapd, err)
	}
	if err := os.WriteFile(cyrus, []byte(cyrusConf), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("write %s: %w", cyrus, err)
	}
	m := &masterRun{dir: dir, logPath: filepath.Join(dir, "master.log")}
	logf, err := os.Create(m.logPath)
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("create %s: %w", m.logPath, err)
	}
	argv := append([]string{"-D", "-C", imapd, "-M", cyrus, "-r", m.readyPath()}, args...)
	cmd := exec.Command(filepath.Join(bin, "master"), argv...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Env = append(os.Environ(), env...)
	m.child, err = startChild(cmd, func() { logf.Close() })
	if err != nil {
		logf.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	m.child.afterStop = func() { os.RemoveAll(dir) }
	return m, nil
}

// newDataDir creates the configdirectory. When storm runs as root, master
// drops to the cyrus user, whose workers create their accept locks in
// <dir>/socket: the directory must be theirs.
func newDataDir() (string, error) {
	dir, err := os.MkdirTemp("", "corvus-storm-")
	if err != nil {
		return "", fmt.Errorf("data directory: %w", err)
	}
	sock := filepath.Join(dir, "socket")
	if err := os.Mkdir(sock, 0o750); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("data directory: %w", err)
	}
	if os.Geteuid() != 0 {
		return dir, nil
	}
	uid, gid, err := cyrusIDs()
	if err == nil {
		for _, p := range []string{dir, sock} {
			if err = os.Chown(p, uid, gid); err != nil {
				break
			}
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("data directory for the cyrus user: %w", err)
	}
	return dir, nil
}

func cyrusIDs() (uid, gid int, err error) {
	u, err := user.Lookup("cyrus")
	if err != nil {
		return 0, 0, fmt.Errorf("run as root, master drops to the 'cyrus' user, which is missing: %w", err)
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	return uid, gid, nil
}

func (m *masterRun) readyPath() string { return filepath.Join(m.dir, "ready") }

// errMasterExited says master ended while storm waited for it.
var errMasterExited = errors.New("master exited")

// waitReady waits until master has written its ready file.
func (m *masterRun) waitReady() error {
	return m.poll(readyTimeout, 2*time.Millisecond, "the ready file", func() bool {
		_, err := os.Stat(m.readyPath())
		return err == nil
	})
}

// waitChildren waits until master has at least n live children.
func (m *masterRun) waitChildren(n int, d time.Duration) error {
	return m.poll(d, 2*time.Millisecond, fmt.Sprintf("%d workers", n), func() bool {
		return len(childrenOf(m.pid())) >= n
	})
}

// settle waits until master's children stop changing in number and all
// sleep (started up, waiting for clients) for a few polls in a row, so a
// round does not start while the last one's workers are still busy. It
// reports whether that happened within d; the caller goes on either way.
func (m *masterRun) settle(d time.Duration) bool {
	const quiet = 3
	last, streak := -1, 0
	err := m.poll(d, 10*time.Millisecond, "workers to settle", func() bool {
		kids := childrenOf(m.pid())
		if len(kids) == last && allSleeping(kids) {
			streak++
		} else {
			streak = 0
		}
		last = len(kids)
		return streak >= quiet
	})
	return err == nil
}

// poll checks cond every step until it holds, master exits or d passes.
func (m *masterRun) poll(d, step time.Duration, what string, cond func() bool) error {
	deadline := time.Now().Add(d)
	for !cond() {
		if m.hasExited() {
			return fmt.Errorf("waiting for %s: %w; log:\n%s", what, errMasterExited, m.logTail())
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out after %v waiting for %s; log:\n%s", d, what, m.logTail())
		}
		time.Sleep(step)
	}
	return nil
}

// countLog counts the lines of master's log that contain s. Master logs
// JSON (zerolog); "child ended" is its Info line for every reaped child.
func (m *masterRun) countLog(s string) int {
	b, _ := os.ReadFile(m.logPath)
	return strings.Count(string(b), s)
}

// logTail is the end of master's log, for error messages.
func (m *masterRun) logTail() string {
	b, _ := os.ReadFile(m.logPath)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}

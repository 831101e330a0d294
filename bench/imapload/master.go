package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Bounds on starting and stopping master.
const (
	readyTimeout = 20 * time.Second
	termTimeout  = 15 * time.Second // master's own shutdown grace is 10 s
)

// dataDir is the configdirectory shared by every master of a run, so the
// seeded mailboxes survive from the session case to the memory case. When
// run as root it belongs to the cyrus user master drops to.
type dataDir struct {
	dir, bin string
	uid, gid int
}

// newDataDir creates the directory with imapd.conf and an empty password
// file.
func newDataDir(bin string) (*dataDir, error) {
	dir, err := os.MkdirTemp("", "corvus-imapload-")
	if err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	d := &dataDir{dir: dir, bin: bin, uid: -1, gid: -1}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("cyrus")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("run as root, master drops to the 'cyrus' user, which is missing: %w", err)
		}
		d.uid, _ = strconv.Atoi(u.Uid)
		d.gid, _ = strconv.Atoi(u.Gid)
	}
	if err := d.setup(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return d, nil
}

// setup writes imapd.conf as tests/imapd_helpers_test.go does: a
// partition, the Corvus password file and plaintext LOGIN on loopback.
func (d *dataDir) setup() error {
	conf := fmt.Sprintf(`configdirectory: %[1]s
master_pid_file: %[1]s/master.pid
partition-default: %[1]s/part
sasl_pwcheck_method: auxprop
corvus_passwd_file: %[1]s/corvus.passwd
allowplaintext: yes
`, d.dir)
	if err := os.WriteFile(d.path("imapd.conf"), []byte(conf), 0o644); err != nil {
		return fmt.Errorf("write imapd.conf: %w", err)
	}
	for _, sub := range []string{"socket", "part"} {
		if err := os.Mkdir(d.path(sub), 0o750); err != nil {
			return fmt.Errorf("data directory: %w", err)
		}
	}
	if err := os.WriteFile(d.path("corvus.passwd"), nil, 0o600); err != nil {
		return fmt.Errorf("password file: %w", err)
	}
	return d.chown(".", "socket", "part", "corvus.passwd")
}

func (d *dataDir) path(rel string) string { return filepath.Join(d.dir, rel) }

func (d *dataDir) chown(rels ...string) error {
	if d.uid < 0 {
		return nil
	}
	for _, r := range rels {
		if err := os.Chown(d.path(r), d.uid, d.gid); err != nil {
			return fmt.Errorf("hand %s to the cyrus user: %w", r, err)
		}
	}
	return nil
}

// addUser sets user's password with bin/corvus_passwd, as an admin would.
func (d *dataDir) addUser(name, pass string) error {
	cmd := exec.Command(filepath.Join(d.bin, "corvus_passwd"), "-f", d.path("corvus.passwd"), name)
	cmd.Stdin = strings.NewReader(pass + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("corvus_passwd %s: %w: %s", name, err, out)
	}
	return d.chown("corvus.passwd")
}

// masterRun is bin/master running in the foreground on the data directory.
type masterRun struct {
	cmd     *exec.Cmd
	exited  chan struct{}
	logPath string
	ready   string
	once    sync.Once
}

// startMaster writes cyrusConf and starts master on it, in a process
// group of its own so that whatever it leaves behind can be found.
func (d *dataDir) startMaster(cyrusConf string) (*masterRun, error) {
	if err := os.WriteFile(d.path("cyrus.conf"), []byte(cyrusConf), 0o644); err != nil {
		return nil, fmt.Errorf("write cyrus.conf: %w", err)
	}
	m := &masterRun{exited: make(chan struct{}), logPath: d.path("master.log"), ready: d.path("ready")}
	os.Remove(m.ready)
	logf, err := os.OpenFile(m.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("master log: %w", err)
	}
	m.cmd = exec.Command(filepath.Join(d.bin, "master"), "-D", "-C", d.path("imapd.conf"), "-M", d.path("cyrus.conf"), "-r", m.ready)
	m.cmd.Stdout, m.cmd.Stderr = logf, logf
	// Pdeathsig: should imapload be killed, master stops its workers.
	m.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := m.cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start master: %w", err)
	}
	running.add(m)
	go func() { m.cmd.Wait(); logf.Close(); close(m.exited) }()
	return m, nil
}

func (m *masterRun) pid() int { return m.cmd.Process.Pid }

// waitWorkers waits for the ready file and then for n live children.
func (m *masterRun) waitWorkers(n int) error {
	deadline := time.Now().Add(readyTimeout)
	for {
		_, err := os.Stat(m.ready)
		if err == nil && len(childrenOf(m.pid())) >= n {
			return nil
		}
		select {
		case <-m.exited:
			return fmt.Errorf("master exited; log:\n%s", m.logTail())
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out waiting for master and %d workers; log:\n%s", n, m.logTail())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// stop sends SIGTERM (master stops its workers), waits a bounded time,
// then kills whatever is left of its process group.
func (m *masterRun) stop() {
	m.once.Do(func() {
		_ = m.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-m.exited:
		case <-time.After(termTimeout):
			fmt.Fprintf(os.Stderr, "imapload: master ignored SIGTERM; killing its group\n")
			_ = syscall.Kill(-m.pid(), syscall.SIGKILL)
			<-m.exited
		}
		for _, pid := range groupMembers(m.pid()) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
		running.remove(m)
	})
}

// logTail is the end of master's log, for error messages.
func (m *masterRun) logTail() string {
	b, _ := os.ReadFile(m.logPath)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-20):], "\n")
}

// masterSet holds the masters not yet stopped, so an interrupt or a
// fatal error can stop them all.
type masterSet struct {
	sync.Mutex
	m map[*masterRun]bool
}

var running = masterSet{m: map[*masterRun]bool{}}

func (s *masterSet) add(m *masterRun) {
	s.Lock()
	defer s.Unlock()
	s.m[m] = true
}

func (s *masterSet) remove(m *masterRun) {
	s.Lock()
	defer s.Unlock()
	delete(s.m, m)
}

// stopAll stops every master still running.
func (s *masterSet) stopAll() {
	s.Lock()
	ms := make([]*masterRun, 0, len(s.m))
	for m := range s.m {
		ms = append(ms, m)
	}
	s.Unlock()
	for _, m := range ms {
		m.stop()
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/idle"
	"github.com/corvusmail/corvus/man"
)

// waitLimit bounds every wait of these tests.
const waitLimit = 5 * time.Second

// TestMain lets the tests run idled as a process: the test binary
// re-executed with IDLED_TEST_MAIN=1 is idled.
func TestMain(m *testing.M) {
	if os.Getenv("IDLED_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// Every flag idled parses is documented in idled(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := newFlagSet()
	man.CheckFlags(t, "../man/idled.8", fs, 1) // -C
}

// setupDir makes a configdirectory with socket/ and an imapd.conf naming
// it, plus extra lines; it returns the conf path and the socket path.
func setupDir(t *testing.T, extra string) (conf, socket string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "idled") // short: socket paths are limited
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Mkdir(filepath.Join(dir, "socket"), 0o755); err != nil {
		t.Fatal(err)
	}
	conf = filepath.Join(dir, "imapd.conf")
	if err := os.WriteFile(conf, []byte("configdirectory: "+dir+"\n"+extra), 0o644); err != nil {
		t.Fatal(err)
	}
	return conf, filepath.Join(dir, "socket", "idle")
}

// syncBuf collects a process's stderr.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// proc is idled running as a process.
type proc struct {
	cmd    *exec.Cmd
	stderr *syncBuf
	done   chan error
}

// startIdled runs idled with args as master would run a DAEMON.
func startIdled(t *testing.T, extra []*os.File, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "IDLED_TEST_MAIN=1", "CORVUS_LOG=stderr",
		"CYRUS_SERVICE=idled", "CYRUS_ID=1", "CYRUS_ISDAEMON=1", "CYRUS_VERBOSE=1")
	p := &proc{cmd: cmd, stderr: &syncBuf{}, done: make(chan error, 1)}
	cmd.Stderr = p.stderr
	cmd.ExtraFiles = extra
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		select {
		case <-p.done:
		case <-time.After(waitLimit):
		}
	})
	return p
}

// wait returns the exit status, failing the test after waitLimit.
func (p *proc) wait(t *testing.T) int {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err // for the cleanup
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(waitLimit):
		t.Fatalf("idled did not exit within %v; stderr:\n%s", waitLimit, p.stderr)
	}
	return -1
}

// waitListening waits until a Notify reaches idled at socket.
func waitListening(t *testing.T, p *proc, socket string) {
	t.Helper()
	n := idle.NewNotifier(socket)
	defer n.Close()
	deadline := time.Now().Add(waitLimit)
	for n.Notify(context.Background(), "nobody", "F0", 1) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("idled not listening at %s within %v; stderr:\n%s", socket, waitLimit, p.stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitLog waits until idled has logged want.
func waitLog(t *testing.T, p *proc, want string) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !strings.Contains(p.stderr.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("idled did not log %q within %v; stderr:\n%s", want, waitLimit, p.stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// The idled binary replaces a stale socket, wakes a watcher when its
// mailbox changes, and on SIGTERM exits 0 and removes its socket.
func TestIdledProcess(t *testing.T) {
	conf, socket := setupDir(t, "")
	stale, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: socket, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	stale.Close() // the file stays, as after a crash

	p := startIdled(t, nil, "-C", conf)
	waitListening(t, p, socket)
	waitLog(t, p, "idled listening") // logged once the mode is set
	fi, err := os.Stat(socket)
	if err != nil || fi.Mode().Perm() != socketMode {
		t.Errorf("socket mode: %v, %v; want %v", fi.Mode(), err, os.FileMode(socketMode))
	}

	w := idle.NewWatcher(socket, zerolog.New(io.Discard))
	w.Path = filepath.Join(filepath.Dir(socket), "idle.1")
	defer w.Close()
	wake, stop := w.Watch("alice", "F1")
	defer stop()
	n := idle.NewNotifier(socket)
	defer n.Close()
	if err := n.Notify(context.Background(), "alice", "F1", 5); err != nil {
		t.Fatal(err)
	}
	select {
	case <-wake:
	case <-time.After(waitLimit):
		t.Fatalf("no wake-up from idled; stderr:\n%s", p.stderr)
	}

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(t); code != 0 {
		t.Errorf("exit status %d after SIGTERM, want 0; stderr:\n%s", code, p.stderr)
	}
	if _, err := os.Lstat(socket); !os.IsNotExist(err) {
		t.Errorf("socket left after SIGTERM: %v", err)
	}
	if !strings.Contains(p.stderr.String(), "idled exiting") {
		t.Errorf("no exit line in the log:\n%s", p.stderr)
	}
}

// With wait=y, master hands idled a pipe on fd 3 and waits for "ok".
func TestIdledTellsMasterReady(t *testing.T) {
	conf, socket := setupDir(t, "")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	p := startIdled(t, []*os.File{w}, "-C", conf) // ExtraFiles[0] is fd 3
	w.Close()
	_ = r.SetReadDeadline(time.Now().Add(waitLimit))
	got, err := io.ReadAll(r)
	if err != nil || string(got) != "ok\r\n" {
		t.Fatalf("fd 3 gave %q, %v; want \"ok\\r\\n\"; stderr:\n%s", got, err, p.stderr)
	}
	if _, err := os.Lstat(socket); err != nil {
		t.Errorf("ready before the socket exists: %v", err)
	}
	_ = p.cmd.Process.Signal(syscall.SIGINT)
	if code := p.wait(t); code != 0 {
		t.Errorf("exit status %d after SIGINT, want 0", code)
	}
}

// What keeps idled from starting gives status 75 (2 for the command
// line) and says why.
func TestIdledCannotStart(t *testing.T) {
	conf, _ := setupDir(t, "")
	noDir, _ := setupDir(t, "idlesocket: /nonexistent/dir/idle\n")
	relative, _ := setupDir(t, "idlesocket: socket/idle\n")
	bad, _ := setupDir(t, "idlesocket\n")
	noConfigDir := filepath.Join(t.TempDir(), "imapd.conf")
	if err := os.WriteFile(noConfigDir, []byte("idlesocket: /tmp/x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	blocked, blockedSocket := setupDir(t, "")
	if err := os.WriteFile(blockedSocket, []byte("not a socket"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want int
		say  string
	}{
		{"missing config", []string{"-C", filepath.Join(t.TempDir(), "none.conf")}, 75, "none.conf"},
		{"unparsable config", []string{"-C", bad}, 75, "read config"},
		{"no configdirectory", []string{"-C", noConfigDir}, 75, "configdirectory is not set"},
		{"relative idlesocket", []string{"-C", relative}, 75, "not an absolute path"},
		{"socket directory missing", []string{"-C", noDir}, 75, "/nonexistent/dir/idle"},
		{"file in the way", []string{"-C", blocked}, 75, "not a socket"},
		{"unknown flag", []string{"-C", conf, "-U", "5"}, 2, "-U"},
		{"stray argument", []string{"-C", conf, "now"}, 2, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := startIdled(t, nil, tt.args...)
			if code := p.wait(t); code != tt.want {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.want, p.stderr)
			}
			if !strings.Contains(p.stderr.String(), tt.say) {
				t.Errorf("stderr does not say %q:\n%s", tt.say, p.stderr)
			}
		})
	}
}

package idle

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// waitLimit bounds every wait of these tests.
const waitLimit = 5 * time.Second

// sockDir returns a fresh directory short enough for socket paths (108
// bytes on Linux).
func sockDir(t *testing.T) string {
	t.Helper()
	d := t.TempDir()
	if len(d) < 70 {
		return d
	}
	d, err := os.MkdirTemp("", "idle")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

// logBuf is a zerolog destination tests can read while goroutines write.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuf) count(s string) int { return strings.Count(l.String(), s) }

// runningDaemon is a Daemon serving a socket in a test.
type runningDaemon struct {
	*Daemon
	sock   *Socket
	logs   *logBuf
	cancel context.CancelFunc
	done   chan error
}

// startDaemon serves a Daemon on path; tune may adjust it first. It is
// stopped at the end of the test if not before.
func startDaemon(t *testing.T, path string, tune func(*Daemon)) *runningDaemon {
	t.Helper()
	sock, err := Bind(path, 0o660)
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuf{}
	d := NewDaemon(zerolog.New(logs).Level(zerolog.DebugLevel))
	if tune != nil {
		tune(d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &runningDaemon{Daemon: d, sock: sock, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- d.Serve(ctx, sock.UnixConn) }()
	t.Cleanup(func() { r.stop(t) })
	return r
}

// stop ends Serve, checks it returned nil in time and removes the socket.
func (r *runningDaemon) stop(t *testing.T) {
	t.Helper()
	if r.cancel == nil {
		return
	}
	r.cancel()
	r.cancel = nil
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("Serve returned %v after its context ended", err)
		}
	case <-time.After(waitLimit):
		t.Errorf("Serve did not return within %v of its context ending", waitLimit)
	}
	_ = r.sock.Close()
}

// newWatcher returns a Watcher of idled at idledPath bound at name in the
// same directory, closed at the end of the test.
func newWatcher(t *testing.T, idledPath, name string, refresh time.Duration) (*Watcher, *logBuf) {
	t.Helper()
	logs := &logBuf{}
	w := NewWatcher(idledPath, zerolog.New(logs).Level(zerolog.DebugLevel))
	w.Path = filepath.Join(filepath.Dir(idledPath), name)
	w.Refresh = refresh
	t.Cleanup(func() { _ = w.Close() })
	return w, logs
}

// waitFor polls cond until it holds or waitLimit passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", waitLimit, what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// waitWake waits for a wake-up on ch and returns how long it took.
func waitWake(t *testing.T, what string, ch <-chan struct{}) time.Duration {
	t.Helper()
	start := time.Now()
	select {
	case <-ch:
		return time.Since(start)
	case <-time.After(waitLimit):
		t.Fatalf("%s: no wake-up within %v", what, waitLimit)
	}
	return 0
}

// noWake checks that ch stays quiet for a while.
func noWake(t *testing.T, what string, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
		t.Errorf("%s: woken, but its mailbox did not change", what)
	case <-time.After(150 * time.Millisecond):
	}
}

// sendRawDatagram sends b to path from sock (nil: from an unbound socket).
func sendRawDatagram(t *testing.T, sock *Socket, b []byte, path string) {
	t.Helper()
	var err error
	if sock != nil {
		err = sock.sendTo(b, path)
	} else {
		n := NewNotifier(path)
		defer n.Close()
		n.once.Do(n.open)
		err = sendNow(n.fd, b, n.path)
	}
	if err != nil {
		t.Fatalf("send to %s: %v", path, err)
	}
}

// mustEncode encodes m or fails the test.
func mustEncode(t *testing.T, m Message) []byte {
	t.Helper()
	b, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

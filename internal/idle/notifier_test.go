package idle

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// notifyBound is the most a Notify may hold its caller up (the brief of
// idled: a command or a delivery must not wait for idled).
const notifyBound = 50 * time.Millisecond

// Without idled, Notify fails fast with ErrUnreachable: no socket file,
// or one left behind by an idled that died.
func TestNotifyWithoutIdled(t *testing.T) {
	dir := sockDir(t)
	stale := filepath.Join(dir, "stale")
	s, err := Bind(stale, 0o660)
	if err != nil {
		t.Fatal(err)
	}
	_ = s.UnixConn.Close() // the file stays: ECONNREFUSED
	for _, path := range []string{filepath.Join(dir, "missing"), stale} {
		n := NewNotifier(path)
		start := time.Now()
		err := n.Notify(context.Background(), "alice", "F1", 1)
		if el := time.Since(start); el > notifyBound {
			t.Errorf("%s: Notify took %v", path, el)
		}
		if !errors.Is(err, ErrUnreachable) {
			t.Errorf("%s: Notify = %v, want ErrUnreachable", path, err)
		}
		n.Close()
	}
}

// An idled that does not read fills its queue; Notify then gives up
// within SendBudget with ErrBusy rather than block.
func TestNotifyBusy(t *testing.T) {
	dir := sockDir(t)
	path := filepath.Join(dir, "idle")
	s, err := Bind(path, 0o660) // bound, never read
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := NewNotifier(path)
	defer n.Close()
	var busy error
	for i := 0; i < 10000 && busy == nil; i++ {
		start := time.Now()
		err := n.Notify(context.Background(), "alice", "F1", uint64(i+1))
		if el := time.Since(start); el > notifyBound {
			t.Fatalf("Notify #%d took %v", i, el)
		}
		if err != nil {
			busy = err
		}
	}
	if !errors.Is(busy, ErrBusy) {
		t.Fatalf("Notify to a full queue = %v, want ErrBusy", busy)
	}
	// A context that is over gives up at once too.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := n.Notify(ctx, "alice", "F1", 1); !errors.Is(err, ErrBusy) {
		t.Errorf("Notify with cancelled context = %v, want ErrBusy", err)
	}
}

func TestNotifyRefusesBadNames(t *testing.T) {
	n := NewNotifier(filepath.Join(sockDir(t), "idle"))
	defer n.Close()
	for _, args := range [][2]string{{"", "F1"}, {"alice", ""}, {"alice", "INBOX/Sent"}} {
		if err := n.Notify(context.Background(), args[0], args[1], 1); !errors.Is(err, ErrMalformed) {
			t.Errorf("Notify(%q, %q) = %v, want ErrMalformed", args[0], args[1], err)
		}
	}
}

func TestNotifyClosed(t *testing.T) {
	dir := sockDir(t)
	path := filepath.Join(dir, "idle")
	startDaemon(t, path, nil)
	n := NewNotifier(path)
	if err := n.Notify(context.Background(), "alice", "F1", 1); err != nil {
		t.Fatal(err)
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if err := n.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := n.Notify(context.Background(), "alice", "F1", 1); !errors.Is(err, ErrClosed) {
		t.Errorf("Notify after Close = %v, want ErrClosed", err)
	}
}

// Many goroutines share one Notifier (imapd's sessions); the race
// detector watches.
func TestNotifyConcurrent(t *testing.T) {
	dir := sockDir(t)
	path := filepath.Join(dir, "idle")
	startDaemon(t, path, nil)
	w, _ := newWatcher(t, path, "idle.101", time.Hour)
	wake, stop := w.Watch("alice", "F1")
	defer stop()
	n := NewNotifier(path)
	defer n.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 8*50)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				if err := n.Notify(context.Background(), "alice", "F1", uint64(g*100+i+1)); err != nil && !errors.Is(err, ErrBusy) {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("Notify: %v", err)
	}
	waitWake(t, "watcher", wake)
}

// A Notifier reaches an idled that was replaced by a new one at the same
// path (master restarting it) without being told.
func TestNotifyAfterIdledRestart(t *testing.T) {
	dir := sockDir(t)
	path := filepath.Join(dir, "idle")
	first := startDaemon(t, path, nil)
	n := NewNotifier(path)
	defer n.Close()
	if err := n.Notify(context.Background(), "alice", "F1", 1); err != nil {
		t.Fatal(err)
	}
	first.stop(t)
	if err := n.Notify(context.Background(), "alice", "F1", 2); !errors.Is(err, ErrUnreachable) {
		t.Errorf("Notify with idled stopped = %v, want ErrUnreachable", err)
	}
	startDaemon(t, path, nil)
	if err := n.Notify(context.Background(), "alice", "F1", 3); err != nil {
		t.Errorf("Notify after restart = %v", err)
	}
}

// Client is what imapd's server wants of idled.
var _ interface {
	Watch(user, mailboxID string) (<-chan struct{}, func())
	Notify(ctx context.Context, user, mailboxID string, modseq uint64) error
	Close() error
} = (*Client)(nil)

func TestClient(t *testing.T) {
	dir := sockDir(t)
	path := filepath.Join(dir, "idle")
	d := startDaemon(t, path, nil)
	c := NewClient(path, d.log)
	c.Watcher.Path = filepath.Join(dir, "idle.77")
	wake, stop := c.Watch("alice", "F1")
	defer stop()
	waitFor(t, "the watch", func() bool { return d.Watchers() == 1 })
	if err := c.Notify(context.Background(), "alice", "F1", 9); err != nil {
		t.Fatal(err)
	}
	waitWake(t, "client", wake)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Notify(context.Background(), "alice", "F1", 9); !errors.Is(err, ErrClosed) {
		t.Errorf("Notify after Close = %v", err)
	}
}

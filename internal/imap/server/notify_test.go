package server

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store/sqlite/sqlitetest"
)

// fakeIdled records notifications and lets watchers be woken by hand, as
// idled would wake them.
type fakeIdled struct {
	mu       sync.Mutex
	notified []string
	watchers map[string]chan struct{}
	manual   bool // Notify only records; wake sends the wake-up
}

func (f *fakeIdled) Watch(user, mailboxID string) (<-chan struct{}, func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ch := make(chan struct{}, 1)
	f.watchers[user+"/"+mailboxID] = ch
	return ch, func() {
		f.mu.Lock()
		delete(f.watchers, user+"/"+mailboxID)
		f.mu.Unlock()
	}
}

func (f *fakeIdled) Notify(_ context.Context, user, mailboxID string, _ uint64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.notified = append(f.notified, user+"/"+mailboxID)
	if !f.manual {
		f.wakeLocked(user + "/" + mailboxID)
	}
	return nil
}

// wake does what idled does on a notification: wakes the watchers of
// key (user/mailboxID), or of every mailbox for "".
func (f *fakeIdled) wake(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.wakeLocked(key)
}

func (f *fakeIdled) wakeLocked(key string) {
	for k, ch := range f.watchers {
		if key == "" || k == key {
			select {
			case ch <- struct{}{}:
			default:
			}
		}
	}
}

func (f *fakeIdled) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.notified...)
}

// A change made by one session reaches idled, and a session idling on the
// mailbox is woken at once instead of at its next poll (an hour here).
func TestIdledWakesIdle(t *testing.T) {
	f := &fakeIdled{watchers: map[string]chan struct{}{}}
	e := newEnv(t, func(o *Options) { o.Idled, o.IdlePoll = f, time.Hour })
	a := e.dial()
	a.login("alice")
	a.mustOK("SELECT INBOX")
	a.mustOK("NOOP")
	if n := len(f.calls()); n != 0 {
		t.Fatalf("read-only commands notified idled %d times", n)
	}
	b := e.dial()
	b.login("alice")
	b.mustOK("SELECT INBOX")
	startIdle(t, b, f)
	appendMsg(a, "INBOX", testMsg)
	if calls := f.calls(); len(calls) != 1 || !strings.HasPrefix(calls[0], "alice/") {
		t.Fatalf("APPEND notified %q, want alice's INBOX once", calls)
	}
	start := time.Now()
	if l := b.line(); l != "* 1 EXISTS" {
		t.Fatalf("woken IDLE sent %q", l)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("wake took %s", d)
	}
	b.send("DONE")
	if _, st := b.until("i"); !strings.HasPrefix(st, "OK") {
		t.Errorf("DONE: %q", st)
	}
	waitFor(t, func() bool { f.mu.Lock(); defer f.mu.Unlock(); return len(f.watchers) == 0 })
}

// startIdle puts c in IDLE and waits until idled has its watch.
func startIdle(t *testing.T, c *client, f *fakeIdled) {
	t.Helper()
	c.send("i IDLE")
	if l := c.line(); !strings.HasPrefix(l, "+") {
		t.Fatalf("IDLE: %q", l)
	}
	waitFor(t, func() bool { f.mu.Lock(); defer f.mu.Unlock(); return len(f.watchers) == 1 })
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 5s")
}

// A woken session sends EXISTS before it claims \Recent: the claim is a
// write transaction, which may wait for another process's write lock (here
// held by the test), and the client should not wait with it.
func TestIdleExistsBeforeRecentClaim(t *testing.T) {
	f := &fakeIdled{watchers: map[string]chan struct{}{}, manual: true}
	e := newEnv(t, func(o *Options) { o.Idled, o.IdlePoll = f, time.Hour })
	a := e.dial()
	a.login("alice")
	b := e.dial()
	b.login("alice")
	b.mustOK("SELECT INBOX")
	startIdle(t, b, f)
	appendMsg(a, "INBOX", testMsg)

	release := sqlitetest.HoldWriteLock(t, filepath.Join(e.dir, "part"), "alice")

	f.wake("")
	if l := b.line(); l != "* 1 EXISTS" { // line fails after 5s
		t.Fatalf("woken IDLE with the write lock taken sent %q, want * 1 EXISTS", l)
	}
	release()
	if l := b.line(); l != "* 1 RECENT" {
		t.Fatalf("after the lock was released: %q, want * 1 RECENT", l)
	}
	b.send("DONE")
	if _, st := b.until("i"); !strings.HasPrefix(st, "OK") {
		t.Errorf("DONE: %q", st)
	}
}

package sqlite

import (
	"context"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
)

// An account no session uses is closed once it has been idle for
// MaxIdleTime; one in use is not, however long it is used.
func TestIdleAccountExpires(t *testing.T) {
	s, err := Open(Options{Partition: t.TempDir(), MaxIdleTime: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	cached := func(user string) bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.users[user] != nil
	}
	for _, u := range []string{"busy", "idle"} {
		a, err := s.Create(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if u == "idle" {
			a.Close()
			continue
		}
		defer a.Close()
	}
	if !cached("idle") {
		t.Fatal("a closed account was not kept for reuse")
	}
	deadline := time.Now().Add(5 * time.Second)
	for cached("idle") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if cached("idle") {
		t.Fatal("an idle account was still open 5s after its 500ms MaxIdleTime")
	}
	if !cached("busy") {
		t.Error("an account in use was closed")
	}
	a, err := s.Open(ctx, "idle")
	if err != nil {
		t.Fatalf("reopening an expired account: %v", err)
	}
	if _, err := a.Mailbox(ctx, store.Inbox); err != nil {
		t.Error(err)
	}
	a.Close()
}

// CloseIdle closes the accounts no session uses, and only those.
func TestCloseIdle(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	busy, err := s.Create(ctx, "busy")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	idle, err := s.Create(ctx, "idle")
	if err != nil {
		t.Fatal(err)
	}
	idle.Close()
	s.CloseIdle()
	s.mu.Lock()
	idleOpen, busyOpen := s.users["idle"] != nil, s.users["busy"] != nil
	s.mu.Unlock()
	if idleOpen || !busyOpen {
		t.Errorf("after CloseIdle: idle account open %v, busy account open %v", idleOpen, busyOpen)
	}
	if _, err := busy.HighestModSeq(ctx); err != nil {
		t.Errorf("the busy account after CloseIdle: %v", err)
	}
}

// The last session to release an account closes its reader connections:
// they were only opened while a write held the writer.
func TestReleaseClosesReaders(t *testing.T) {
	r := newRTest(t)
	a := r.open()
	u := a.(*account).u
	mb, err := a.Mailbox(r.ctx, store.Inbox)
	if err != nil {
		t.Fatal(err)
	}
	w, err := u.h.acquireWriter(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = mb.View(r.ctx) // on a reader: the writer is held
	u.h.releaseWriter(w)
	if err != nil {
		t.Fatal(err)
	}
	nread := func() int { return openReaders(u.h) }
	if nread() != 1 {
		t.Fatalf("%d readers open, want 1", nread())
	}
	a.Close()
	if n := nread(); n != 0 {
		t.Errorf("%d readers open after the last release", n)
	}
	b := r.open() // the same database, still cached, still readable
	defer b.Close()
	if _, err := b.HighestModSeq(r.ctx); err != nil {
		t.Error(err)
	}
}

// Expired runs once the expiry timer has closed the last idle account.
func TestExpiredHook(t *testing.T) {
	called := make(chan struct{}, 4)
	s, err := Open(Options{Partition: t.TempDir(), MaxIdleTime: 50 * time.Millisecond,
		Expired: func() { called <- struct{}{} }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := s.Create(context.Background(), "gone")
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	select {
	case <-called:
	case <-time.After(5 * time.Second):
		t.Fatal("Expired not called 5s after a 50ms MaxIdleTime")
	}
}

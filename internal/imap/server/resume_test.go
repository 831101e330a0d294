package server

import (
	"context"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/imap/sessionstate"
)

// TestHibernateResume serialises a live session in the middle of an IDLE,
// decodes it and resumes it on a second Server over the same socket: the
// client sees one uninterrupted session.
func TestHibernateResume(t *testing.T) {
	var handed atomic.Int32
	var e *testEnv
	e = newEnv(t, func(o *Options) {
		o.HibernateAfter = 200 * time.Millisecond
		o.Hibernate = func(c net.Conn, st *sessionstate.State) bool {
			b, err := st.MarshalBinary()
			if err != nil {
				t.Error(err)
				return false
			}
			var back sessionstate.State
			if err := back.UnmarshalBinary(b); err != nil {
				t.Error(err)
				return false
			}
			handed.Add(1)
			opts := e.srv.opts
			opts.Hibernate, opts.HibernateAfter = nil, 0
			if err := New(opts).Resume(context.Background(), c, &back); err != nil {
				t.Error(err)
			}
			return true
		}
	})
	c := e.dial()
	c.login("alice")
	c.mustOK("ENABLE UTF8=ACCEPT")
	appendMsg(c, "INBOX", testMsg)
	c.mustOK("SELECT INBOX")
	c.send("i IDLE")
	if l := c.line(); !strings.HasPrefix(l, "+ ") {
		t.Fatalf("IDLE: %q", l)
	}
	deadline := time.Now().Add(5 * time.Second)
	for handed.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if handed.Load() != 1 {
		t.Fatal("session was not handed over")
	}
	other := e.dial()
	other.login("alice")
	appendMsg(other, "INBOX", testMsg)
	if l := c.line(); l != "* 2 EXISTS" {
		t.Fatalf("resumed IDLE reported %q", l)
	}
	if l := c.line(); l != "* 2 RECENT" {
		t.Fatalf("resumed IDLE reported %q", l)
	}
	c.send("DONE")
	if l := c.line(); !strings.HasPrefix(l, "i OK") {
		t.Fatalf("DONE: %q", l)
	}
	if l := c.mustOK("FETCH 2 (UID)"); !hasLine(l, "* 2 FETCH (UID 2)") {
		t.Fatalf("numbering after resume: %q", l)
	}
	c.mustOK("LOGOUT")
}

func TestHibernateRefused(t *testing.T) {
	var asked atomic.Int32
	e := newEnv(t, func(o *Options) {
		o.HibernateAfter = 100 * time.Millisecond
		o.Hibernate = func(net.Conn, *sessionstate.State) bool { asked.Add(1); return false }
	})
	c := e.dial()
	c.login("alice")
	c.send("i IDLE")
	c.line()
	time.Sleep(400 * time.Millisecond)
	c.send("DONE")
	if l := c.line(); !strings.HasPrefix(l, "i OK") {
		t.Fatalf("DONE after refused hand-over: %q", l)
	}
	if asked.Load() != 1 {
		t.Fatalf("Hibernate asked %d times", asked.Load())
	}
}

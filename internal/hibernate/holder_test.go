package hibernate

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/sqlite/sqlitetest"
)

// TestAnswerNewMessage: a message arriving while the session sleeps is
// answered by the holder, EXISTS and RECENT as imapd writes them, and
// the record the session later thaws with numbers it as the client does.
func TestAnswerNewMessage(t *testing.T) {
	e := newEnv(t)
	e.appendMsg()
	e.inbox.ClaimRecent(context.Background()) // message 1 seen by the session already
	c := e.hibernate(e.state())
	uid := e.appendMsg()
	e.h.Notified("alice", e.inbox.ID())
	if l := c.line(t); l != "* 2 EXISTS" {
		t.Fatalf("got %q", l)
	}
	if l := c.line(t); l != "* 1 RECENT" {
		t.Fatalf("got %q", l)
	}
	c.conn.Write([]byte("DONE\r\n"))
	th := e.waitThaw(t)
	defer th.conn.Close()
	if want := []imap.UID{1, uid}; !reflect.DeepEqual(th.st.UIDs, want) {
		t.Errorf("thawed UIDs %v, want %v", th.st.UIDs, want)
	}
	if want := []imap.UID{uid}; !reflect.DeepEqual(th.st.Recent, want) {
		t.Errorf("thawed Recent %v, want %v", th.st.Recent, want)
	}
	if th.st.IdleTag != "t1" {
		t.Errorf("IDLE tag %q", th.st.IdleTag)
	}
	// The client's input waits in the socket for the thawed imapd.
	buf := make([]byte, 6)
	th.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, _ := th.conn.Read(buf); string(buf[:n]) != "DONE\r\n" {
		t.Errorf("thawed imapd reads %q", buf[:n])
	}
	e.waitHeld(t, 0)
	if s := e.h.Stats(); s.Answers != 1 || s.Thaws != 1 || s.Taken != 1 {
		t.Errorf("stats %+v", s)
	}
}

// TestIMAP4rev2NoRecent: a client that enabled IMAP4rev2 gets EXISTS only.
func TestIMAP4rev2NoRecent(t *testing.T) {
	e := newEnv(t)
	st := e.state()
	st.Enabled = []imap.Cap{imap.CapIMAP4rev2}
	c := e.hibernate(st)
	e.appendMsg()
	e.h.Notified("alice", e.inbox.ID())
	if l := c.line(t); l != "* 1 EXISTS" {
		t.Fatalf("got %q", l)
	}
	c.conn.Write([]byte("DONE\r\n"))
	e.waitThaw(t).conn.Close()
}

// TestFlagChangeThaws: a change idled cannot answer (here a flag on a
// message the client knows) thaws the session without a word from idled.
func TestFlagChangeThaws(t *testing.T) {
	e := newEnv(t)
	e.appendMsg()
	c := e.hibernate(e.state())
	_, err := e.inbox.StoreFlags(context.Background(), imap.UIDSetNum(1), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagSeen}})
	if err != nil {
		t.Fatal(err)
	}
	e.h.Notified("alice", e.inbox.ID())
	th := e.waitThaw(t)
	defer th.conn.Close()
	th.conn.Write([]byte("* 1 FETCH\r\n"))
	if l := c.line(t); l != "* 1 FETCH" {
		t.Fatalf("client got %q before the thawed imapd's answer", l)
	}
}

// TestByes: the IDLE timeout, msg/shutdown and stopping idled each end a
// held session with the BYE imapd would send.
func TestByes(t *testing.T) {
	t.Run("timeout", func(t *testing.T) {
		e := newEnv(t)
		st := e.state()
		st.IdleDeadline = time.Now().Add(200 * time.Millisecond).UnixMilli()
		c := e.hibernate(st)
		if l := c.line(t); l != "* BYE Autologout; idle for too long" {
			t.Fatalf("got %q", l)
		}
	})
	t.Run("shutdown file", func(t *testing.T) {
		e := newEnv(t)
		c := e.hibernate(e.state())
		os.MkdirAll(filepath.Join(e.dir, "msg"), 0o755)
		os.WriteFile(filepath.Join(e.dir, "msg", "shutdown"), []byte("[Maintenance until 5\nmore\n"), 0o644)
		if l := c.line(t); l != "* BYE [ALERT] Maintenance until 5" {
			t.Fatalf("got %q", l)
		}
	})
	t.Run("stop", func(t *testing.T) {
		e := newEnv(t)
		c := e.hibernate(e.state())
		e.stop()
		if l := c.line(t); l != "* BYE Server shutting down" {
			t.Fatalf("got %q", l)
		}
	})
}

// TestRefusals: sessions idled could not serve stay with imapd.
func TestRefusals(t *testing.T) {
	e := newEnv(t)
	st := e.state()
	st.IdleTag = ""
	if e.tryHibernate(st) {
		t.Error("session outside IDLE taken")
	}
	st = e.state()
	st.TLS = true
	if e.tryHibernate(st) {
		t.Error("TLS session taken")
	}
	os.Remove(filepath.Join(e.dir, "thaw"))
	if e.tryHibernate(e.state()) {
		t.Error("session taken with no thaw service")
	}
}

// TestClientGone: a client that hangs up is dropped without a thaw.
func TestClientGone(t *testing.T) {
	e := newEnv(t)
	c := e.hibernate(e.state())
	c.conn.Close()
	e.waitHeld(t, 0)
	if s := e.h.Stats(); s.Thaws != 0 {
		t.Fatalf("stats %+v", s)
	}
}

func (e *env) waitThaw(t *testing.T) thawed {
	t.Helper()
	select {
	case th := <-e.thawed:
		return th
	case <-time.After(5 * time.Second):
		t.Fatal("session not thawed")
	}
	return thawed{}
}

// waitHeld waits until the holder holds n sessions.
func (e *env) waitHeld(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for e.h.Stats().Held != n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := e.h.Stats().Held; got != n {
		t.Fatalf("holder holds %d sessions, want %d", got, n)
	}
}

// twoSessionsOneNew hibernates two sessions of alice's INBOX that have
// seen its first message, then adds a second one.
func twoSessionsOneNew(t *testing.T) (e *env, a, b *client) {
	e = newEnv(t)
	e.appendMsg()
	e.inbox.ClaimRecent(context.Background())
	a, b = e.hibernate(e.state()), e.hibernate(e.state())
	e.appendMsg()
	return e, a, b
}

// TestBatchClaimsRecentOnce: two sessions on one INBOX are answered
// together; the new message is \Recent in one of them only, as when two
// imapds race to claim it.
func TestBatchClaimsRecentOnce(t *testing.T) {
	e, a, b := twoSessionsOneNew(t)
	e.h.Notified("alice", e.inbox.ID())
	recent := map[string]int{}
	for _, c := range []*client{a, b} {
		if l := c.line(t); l != "* 2 EXISTS" {
			t.Fatalf("got %q", l)
		}
		recent[c.line(t)]++
	}
	if recent["* 1 RECENT"] != 1 || recent["* 0 RECENT"] != 1 {
		t.Fatalf("RECENT lines %v", recent)
	}
}

// TestExistsBeforeRecentClaim: the sessions hear EXISTS while another
// process holds the write lock the \Recent claim needs, and RECENT once
// it is released, still in one session only.
func TestExistsBeforeRecentClaim(t *testing.T) {
	e, a, b := twoSessionsOneNew(t)
	release := sqlitetest.HoldWriteLock(t, filepath.Join(e.dir, "part"), "alice")
	e.h.Notified("alice", e.inbox.ID())
	for _, c := range []*client{a, b} {
		if l := c.line(t); l != "* 2 EXISTS" { // line fails after 5s
			t.Fatalf("with the write lock taken: %q, want * 2 EXISTS", l)
		}
	}
	release()
	recent := map[string]int{}
	for _, c := range []*client{a, b} {
		recent[c.line(t)]++
	}
	if recent["* 1 RECENT"] != 1 || recent["* 0 RECENT"] != 1 {
		t.Fatalf("RECENT lines after the claim %v", recent)
	}
	if s := e.h.Stats(); s.Answers != 2 {
		t.Errorf("answers %d, want 2", s.Answers)
	}
}

// TestFailedClaimThaws: when the \Recent claim cannot get the write lock
// within the answer's time, the session, already told EXISTS, is thawed
// with a record that counts the new message, so that its imapd does not
// announce it again; nothing was claimed for it.
func TestFailedClaimThaws(t *testing.T) {
	e := newEnv(t)
	e.appendMsg()
	e.inbox.ClaimRecent(context.Background())
	c := e.hibernate(e.state())
	uid := e.appendMsg()
	sqlitetest.HoldWriteLock(t, filepath.Join(e.dir, "part"), "alice")
	e.h.Notified("alice", e.inbox.ID())
	if l := c.line(t); l != "* 2 EXISTS" {
		t.Fatalf("with the write lock taken: %q, want * 2 EXISTS", l)
	}
	var th thawed
	select {
	case th = <-e.thawed: // after answerTimeout
	case <-time.After(answerTimeout + 10*time.Second):
		t.Fatal("session not thawed after the failed claim")
	}
	defer th.conn.Close()
	if want := []imap.UID{1, uid}; !reflect.DeepEqual(th.st.UIDs, want) {
		t.Errorf("thawed UIDs %v, want %v", th.st.UIDs, want)
	}
	if len(th.st.Recent) != 0 {
		t.Errorf("thawed Recent %v, want none", th.st.Recent)
	}
}

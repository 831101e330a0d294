package hibernate

import (
	"bufio"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/handoff"
	"github.com/corvusmail/corvus/internal/imap/sessionstate"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// env is a Holder serving in a temporary directory with a real store,
// and a thaw service played by the test: it takes sessions as imapd -R
// would and hands them to the test.
type env struct {
	t      *testing.T
	dir    string
	st     store.Store
	h      *Holder
	freeze *Freezer
	thawed chan thawed
	cancel context.CancelFunc
	served chan error
	inbox  store.Mailbox
}

// thawed is what the fake thaw service received.
type thawed struct {
	st   sessionstate.State
	conn net.Conn
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	st, err := sqlite.Open(sqlite.Options{Partition: filepath.Join(dir, "part"), ConfigDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{t: t, dir: dir, st: st, thawed: make(chan thawed, 4), served: make(chan error, 1)}
	e.startThaw(filepath.Join(dir, "thaw"))
	h, err := NewHolder(Options{Store: st, ThawSocket: filepath.Join(dir, "thaw"), ConfigDir: dir, Log: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	e.h = h
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: filepath.Join(dir, "hib"), Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	go func() { e.served <- h.Serve(ctx, ln) }()
	t.Cleanup(func() { e.stop(); h.Close() })
	e.freeze = &Freezer{Socket: filepath.Join(dir, "hib"), Log: zerolog.Nop()}
	acct, err := st.Create(context.Background(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { acct.Close() })
	e.inbox, err = acct.Mailbox(context.Background(), "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// stop ends Serve once.
func (e *env) stop() {
	if e.cancel == nil {
		return
	}
	e.cancel()
	e.cancel = nil
	select {
	case <-e.served:
	case <-time.After(5 * time.Second):
		e.t.Error("Serve did not return")
	}
}

func (e *env) startThaw(path string) {
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.AcceptUnix()
			if err != nil {
				return
			}
			fd, rec, err := handoff.Receive(c, time.Now().Add(5*time.Second))
			if err != nil {
				c.Close()
				continue
			}
			var st sessionstate.State
			st.UnmarshalBinary(rec)
			f := os.NewFile(uintptr(fd), "thawed")
			conn, _ := net.FileConn(f)
			f.Close()
			handoff.Answer(c, true)
			c.Close()
			e.thawed <- thawed{st, conn}
		}
	}()
}

// appendMsg stores a message in INBOX and returns its UID.
func (e *env) appendMsg() imap.UID {
	e.t.Helper()
	res, err := e.inbox.Append(context.Background(), strings.NewReader("Subject: x\r\n\r\nhi\r\n"), store.NewMessage{}, store.AppendOptions{})
	if err != nil {
		e.t.Fatal(err)
	}
	return res.UID
}

// client is the IMAP client's end of a connection whose server end was
// frozen into the holder.
type client struct {
	conn net.Conn
	r    *bufio.Reader
}

// hibernate makes a TCP connection, freezes its server end with st and
// returns the client end.
func (e *env) hibernate(st *sessionstate.State) *client {
	e.t.Helper()
	c, ok := e.tcpHibernate(st)
	if !ok {
		e.t.Fatal("holder refused the session")
	}
	return &client{conn: c, r: bufio.NewReader(c)}
}

// tcpHibernate makes a TCP connection, offers its server end with st to
// the holder (closing it afterwards, as imapd does) and returns the
// client end and whether the holder took it.
func (e *env) tcpHibernate(st *sessionstate.State) (net.Conn, bool) {
	e.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.t.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { c.Close() })
	s, err := ln.Accept()
	if err != nil {
		e.t.Fatal(err)
	}
	defer s.Close()
	return c, e.freeze.Hibernate(s, st)
}

// line reads one response line within a few seconds.
func (c *client) line(t *testing.T) string {
	t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	l, err := c.r.ReadString('\n')
	if err != nil {
		t.Fatalf("read: %v (got %q)", err, l)
	}
	return strings.TrimRight(l, "\r\n")
}

// state is a frozen session of alice in IDLE on INBOX as a client that
// has seen everything so far.
func (e *env) state() *sessionstate.State {
	e.t.Helper()
	ctx := context.Background()
	v, err := e.inbox.Status(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	st := &sessionstate.State{
		User: "alice", MailboxID: e.inbox.ID(), Mailbox: "INBOX",
		UIDValidity: v.UIDValidity, ModSeq: v.HighestModSeq, IdleTag: "t1",
	}
	for u := imap.UID(1); u < v.UIDNext; u++ {
		st.UIDs = append(st.UIDs, u)
	}
	return st
}

// tryHibernate reports whether the holder takes a session with st.
func (e *env) tryHibernate(st *sessionstate.State) bool {
	_, ok := e.tcpHibernate(st)
	return ok
}

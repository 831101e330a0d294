package lmtp

import (
	"bufio"
	"context"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// delivery is what the fake backend saw in one Deliver call.
type delivery struct {
	env      Envelope
	rcpts    []string
	data     string
	body     string // from BodyOffset on
	eightBit bool
	msgID    string
}

// fakeBackend accepts every recipient except those in reject, and
// answers Deliver with replies (per recipient address) or 250.
type fakeBackend struct {
	mu        sync.Mutex
	reject    map[string]Reply
	replies   map[string]Reply
	delivered []delivery
	rcptCalls int
}

func (b *fakeBackend) Recipient(_ context.Context, _ *Envelope, r *Recipient) (bool, Reply) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.rcptCalls++
	if rep, ok := b.reject[r.Addr]; ok {
		return false, rep
	}
	r.Value = "resolved:" + r.Addr
	r.User = r.Local
	return true, Reply{}
}

func (b *fakeBackend) Deliver(_ context.Context, env *Envelope, msg *Message) []Reply {
	data, err := io.ReadAll(msg.Reader())
	if err != nil {
		panic(err)
	}
	d := delivery{env: *env, data: string(data), body: string(data[msg.BodyOffset:]),
		eightBit: msg.EightBit, msgID: msg.MessageID}
	var out []Reply
	for _, r := range env.Recipients {
		d.rcpts = append(d.rcpts, r.Addr)
		if r.Value != "resolved:"+r.Addr {
			panic("Value lost between Recipient and Deliver")
		}
		rep, ok := b.replies[r.Addr]
		if !ok {
			rep = Reply{250, "2.1.5", ""}
		}
		out = append(out, rep)
	}
	b.mu.Lock()
	b.delivered = append(b.delivered, d)
	b.mu.Unlock()
	return out
}

func (b *fakeBackend) deliveries() []delivery {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]delivery(nil), b.delivered...)
}

// fixedNow is the test clock.
var fixedNow = time.Date(2024, 3, 5, 10, 20, 30, 0, time.FixedZone("", 3600))

// harness runs one ServeConn on a 127.0.0.1 TCP connection.
type harness struct {
	t      *testing.T
	be     *fakeBackend
	opt    Options
	c      net.Conn
	r      *bufio.Reader
	done   chan struct{}
	cancel context.CancelFunc
}

// start serves one connection with options changed by tweak (which may
// also set up the fake backend, o.Backend).
func start(t *testing.T, tweak func(*Options)) *harness {
	t.Helper()
	be := &fakeBackend{replies: map[string]Reply{}, reject: map[string]Reply{
		"nobody@b": {}, // refused with the default reply
		"full@b":   {452, "4.2.2", "Over quota"},
	}}
	opt := Options{
		ServerName: "mx.test",
		Greeting:   "Corvus test",
		Backend:    be,
		SpoolDir:   t.TempDir(),
		PreAuth:    true,
		Timeout:    10 * time.Second,
		Log:        zerolog.Nop(),
		Now:        func() time.Time { return fixedNow },
	}
	if tweak != nil {
		tweak(&opt)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{t: t, be: be, opt: opt, done: make(chan struct{}), cancel: cancel}
	srv := New(opt)
	go func() {
		defer close(h.done)
		c, err := ln.Accept()
		_ = ln.Close()
		if err != nil {
			return
		}
		srv.ServeConn(ctx, c)
		_ = c.Close()
	}()
	h.c, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	_ = h.c.SetDeadline(time.Now().Add(20 * time.Second))
	h.r = bufio.NewReader(h.c)
	t.Cleanup(func() {
		_ = h.c.Close()
		cancel()
		h.wait()
	})
	return h
}

// wait waits (boundedly) for ServeConn to return.
func (h *harness) wait() {
	h.t.Helper()
	select {
	case <-h.done:
	case <-time.After(10 * time.Second):
		h.t.Fatal("ServeConn did not return")
	}
}

// send writes raw client text.
func (h *harness) send(s string) {
	h.t.Helper()
	if _, err := io.WriteString(h.c, s); err != nil {
		h.t.Fatalf("send: %v", err)
	}
}

// line reads one reply line without CRLF.
func (h *harness) line() string {
	h.t.Helper()
	l, err := h.r.ReadString('\n')
	if err != nil {
		h.t.Fatalf("read reply: %v (got %q)", err, l)
	}
	if !strings.HasSuffix(l, "\r\n") {
		h.t.Fatalf("reply %q does not end in CRLF", l)
	}
	return strings.TrimSuffix(l, "\r\n")
}

// reply reads one complete (possibly multi-line) reply, lines joined by
// "\n".
func (h *harness) reply() string {
	h.t.Helper()
	var lines []string
	for {
		l := h.line()
		lines = append(lines, l)
		if len(l) < 4 || l[3] != '-' {
			return strings.Join(lines, "\n")
		}
	}
}

// expect reads one reply and checks its prefix.
func (h *harness) expect(prefix string) string {
	h.t.Helper()
	r := h.reply()
	if !strings.HasPrefix(r, prefix) {
		h.t.Fatalf("got reply %q, want prefix %q", r, prefix)
	}
	return r
}

// cmd sends one command line and checks the reply's prefix.
func (h *harness) cmd(line, prefix string) string {
	h.t.Helper()
	h.send(line + "\r\n")
	return h.expect(prefix)
}

// hello reads the greeting and does LHLO.
func (h *harness) hello() string {
	h.t.Helper()
	h.expect("220 ")
	return h.cmd("LHLO client.test", "250-mx.test")
}

// spoolEmpty checks nothing is left in the spool directory.
func (h *harness) spoolEmpty() {
	h.t.Helper()
	ents, err := os.ReadDir(h.opt.SpoolDir)
	if err != nil {
		h.t.Fatal(err)
	}
	if len(ents) != 0 {
		h.t.Errorf("spool dir has %d entries", len(ents))
	}
}

package delivery

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// env is a Deliverer on a real sqlite store in a temporary partition.
type env struct {
	t     *testing.T
	dir   string
	st    *sqlite.Store
	d     *Deliverer
	notes *recorder
}

// baseOptions are Cyrus's defaults: downcase, '/' separator, duplicate
// suppression, lenient quota, no autocreate.
func baseOptions(t testing.TB) Options {
	return Options{
		Names:                auth.NewNames(auth.Config{UsernameToLower: true}),
		DowncaseRcpt:         true,
		UnixHierarchySep:     true,
		DuplicateSuppression: true,
		Log:                  zerolog.New(zerolog.NewTestWriter(t)),
	}
}

// newEnv opens a store in a fresh directory; mod adjusts the options.
func newEnv(t *testing.T, mod func(*Options)) *env {
	t.Helper()
	e := &env{t: t, dir: t.TempDir(), notes: &recorder{}}
	e.st = openStore(t, e.dir)
	opt := baseOptions(t)
	opt.Store, opt.Notifier = e.st, e.notes
	if mod != nil {
		mod(&opt)
	}
	e.d = New(opt)
	return e
}

func openStore(t testing.TB, dir string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(sqlite.Options{Partition: dir})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// user creates accounts.
func (e *env) user(names ...string) {
	e.t.Helper()
	for _, n := range names {
		a, err := e.st.Create(context.Background(), n)
		if err != nil {
			e.t.Fatalf("create %s: %v", n, err)
		}
		a.Close()
	}
}

// account opens an account for inspection; it is closed at cleanup.
func (e *env) account(user string) store.Account {
	e.t.Helper()
	a, err := e.st.Open(context.Background(), user)
	if err != nil {
		e.t.Fatalf("open %s: %v", user, err)
	}
	e.t.Cleanup(func() { a.Close() })
	return a
}

// count returns the number of messages in user's mailbox.
func (e *env) count(user, mailbox string) int {
	e.t.Helper()
	mb, err := e.account(user).Mailbox(context.Background(), mailbox)
	if err != nil {
		e.t.Fatalf("mailbox %s of %s: %v", mailbox, user, err)
	}
	st, err := mb.Status(context.Background())
	if err != nil {
		e.t.Fatalf("status: %v", err)
	}
	return int(st.Messages)
}

// resolve resolves addresses that must resolve.
func (e *env) resolve(addrs ...string) []Target {
	e.t.Helper()
	var out []Target
	for _, a := range addrs {
		t, err := e.d.Resolve(context.Background(), a)
		if err != nil {
			e.t.Fatalf("Resolve(%q): %v", a, err)
		}
		out = append(out, t)
	}
	return out
}

// deliver delivers raw to the addresses.
func (e *env) deliver(m Message, addrs ...string) []Result {
	e.t.Helper()
	return e.d.Deliver(context.Background(), m, e.resolve(addrs...))
}

// mustOK fails unless every result succeeded.
func mustOK(t *testing.T, res []Result) {
	t.Helper()
	for _, r := range res {
		if r.Err != nil {
			t.Fatalf("deliver to %s: %v", r.Target.Addr, r.Err)
		}
	}
}

// rawMessage builds a small message; id "" leaves out Message-ID, and
// extra header lines may be given.
func rawMessage(id, subject string, extra ...string) []byte {
	var b bytes.Buffer
	b.WriteString("From: Alice <alice@example.org>\r\nTo: bob@example.org\r\n")
	fmt.Fprintf(&b, "Subject: %s\r\n", subject)
	if id != "" {
		fmt.Fprintf(&b, "Message-ID: <%s>\r\n", id)
	}
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\nHello.\r\n")
	return b.Bytes()
}

func message(raw []byte) Message {
	return Message{Body: bytes.NewReader(raw), Size: int64(len(raw)), EnvelopeFrom: "alice@example.org"}
}

// readUID returns the bytes of one stored message.
func readUID(t *testing.T, a store.Account, mailbox string, uid imap.UID) []byte {
	t.Helper()
	ctx := context.Background()
	mb, err := a.Mailbox(ctx, mailbox)
	if err != nil {
		t.Fatalf("mailbox %s: %v", mailbox, err)
	}
	c, err := mb.Open(ctx, uid)
	if err != nil {
		t.Fatalf("open uid %d: %v", uid, err)
	}
	defer c.Close()
	b, err := io.ReadAll(io.NewSectionReader(c, 0, c.Size()))
	if err != nil {
		t.Fatalf("read uid %d: %v", uid, err)
	}
	return b
}

// recorder is a Notifier that keeps the events.
type recorder struct {
	mu     sync.Mutex
	events []DeliveredEvent
}

func (r *recorder) Delivered(_ context.Context, ev DeliveredEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
}

func (r *recorder) all() []DeliveredEvent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]DeliveredEvent(nil), r.events...)
}

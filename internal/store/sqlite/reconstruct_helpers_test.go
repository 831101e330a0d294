package sqlite

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// rtest is an account filled for reconstruct tests.
type rtest struct {
	t    *testing.T
	ctx  context.Context
	s    *Store
	user string
	dir  string
}

func newRTest(t *testing.T) *rtest {
	t.Helper()
	s := newTestStore(t)
	r := &rtest{t: t, ctx: context.Background(), s: s, user: "alice", dir: userDir(s.opts.Partition, "alice")}
	a, err := s.Create(r.ctx, r.user)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.CreateMailbox(r.ctx, "Work", store.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	return r
}

// body is the test message number i.
func body(i int) string {
	return fmt.Sprintf("From: a@example.org\r\nSubject: message %d\r\nMessage-ID: <%d@example.org>\r\n\r\nbody %d\r\n", i, i, i)
}

// appendTo appends body(i) with flags to a mailbox. Appends are spaced
// so that file times order them even on coarse-grained file systems.
func (r *rtest) appendTo(box string, i int, flags ...imap.Flag) imap.UID {
	r.t.Helper()
	a := r.open()
	defer a.Close()
	mb, err := a.Mailbox(r.ctx, box)
	if err != nil {
		r.t.Fatal(err)
	}
	res, err := mb.Append(r.ctx, strings.NewReader(body(i)), store.NewMessage{Flags: flags}, store.AppendOptions{})
	if err != nil {
		r.t.Fatal(err)
	}
	time.Sleep(15 * time.Millisecond)
	return res.UID
}

func (r *rtest) open() store.Account {
	r.t.Helper()
	a, err := r.s.Open(r.ctx, r.user)
	if err != nil {
		r.t.Fatal(err)
	}
	return a
}

// messages returns a mailbox's messages and their bytes.
func (r *rtest) messages(box string) ([]store.Message, []string) {
	r.t.Helper()
	a := r.open()
	defer a.Close()
	mb, err := a.Mailbox(r.ctx, box)
	if err != nil {
		r.t.Fatalf("mailbox %s: %v", box, err)
	}
	msgs, err := mb.Fetch(r.ctx, imap.UIDSet{{Start: 1, Stop: 0}}, store.FetchOptions{Summary: true})
	if err != nil {
		r.t.Fatal(err)
	}
	var bodies []string
	for _, m := range msgs {
		c, err := mb.Open(r.ctx, m.UID)
		if err != nil {
			r.t.Fatalf("open UID %d: %v", m.UID, err)
		}
		b, _ := io.ReadAll(io.NewSectionReader(c, 0, c.Size()))
		c.Close()
		bodies = append(bodies, string(b))
	}
	return msgs, bodies
}

func (r *rtest) status(box string) store.Status {
	r.t.Helper()
	a := r.open()
	defer a.Close()
	mb, err := a.Mailbox(r.ctx, box)
	if err != nil {
		r.t.Fatal(err)
	}
	st, err := mb.Status(r.ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	return st
}

// exec runs raw SQL on the account's database: the damage tests inflict.
func (r *rtest) exec(q string, args ...any) {
	r.t.Helper()
	a := r.open()
	defer a.Close()
	err := a.(*account).u.h.write(r.ctx, func(t *tx) error {
		_, err := t.exec(q, args...)
		return err
	})
	if err != nil {
		r.t.Fatalf("%s: %v", q, err)
	}
}

// reconstruct runs Reconstruct and fails the test on an error.
func (r *rtest) reconstruct(opts store.ReconstructOptions) store.ReconstructReport {
	r.t.Helper()
	rep, err := r.s.Reconstruct(r.ctx, r.user, opts)
	if err != nil {
		r.t.Fatalf("Reconstruct: %v", err)
	}
	return rep
}

// removeDB deletes the account's database files, as a careless admin
// would.
func (r *rtest) removeDB() {
	r.t.Helper()
	r.s.forget(r.user)
	for _, ext := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(filepath.Join(r.dir, dbName+ext)); err != nil && !os.IsNotExist(err) {
			r.t.Fatal(err)
		}
	}
}

// files lists the account's message files.
func (r *rtest) files() []diskFile {
	r.t.Helper()
	files, _, err := scanMessageTree(r.dir)
	if err != nil {
		r.t.Fatal(err)
	}
	return files
}

// kinds counts a report's fixes by kind.
func kinds(rep store.ReconstructReport) map[store.FixKind]int {
	out := map[store.FixKind]int{}
	for _, f := range rep.Fixes {
		out[f.Kind]++
	}
	return out
}

// stray writes a message file no row refers to, modified age ago.
func (r *rtest) stray(text string, age time.Duration) string {
	r.t.Helper()
	id := newFileID()
	p := filepath.Join(r.dir, fileRel(id))
	if err := os.WriteFile(p, []byte(text), filePerm); err != nil {
		r.t.Fatal(err)
	}
	old := time.Now().Add(-age)
	if err := os.Chtimes(p, old, old); err != nil {
		r.t.Fatal(err)
	}
	return id
}

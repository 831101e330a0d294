package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
)

// The single-statement reads see every commit before them, also on a
// reader connection whose earlier read transaction could not be ended.
// (The writer recovers in begin, which every write goes through.)
func TestReadOneFresh(t *testing.T) {
	r := newRTest(t)
	a := r.open()
	defer a.Close()
	u := a.(*account).u
	before, err := a.HighestModSeq(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Leave a reader inside a read transaction, as a failed ROLLBACK
	// would, holding the snapshot before the append.
	c, err := u.h.acquireReader(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := begin(r.ctx, c, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := c.queryRow(r.ctx, "SELECT count(*) FROM messages", nil, &n); err != nil {
		t.Fatal(err)
	}
	c.inTx = true
	u.h.releaseReader(c)

	r.appendTo(store.Inbox, 1)
	// Reads take the writer when it is free (acquireRead): hold it, so
	// that this one goes to the stale reader.
	w, err := u.h.acquireWriter(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	after, err := a.HighestModSeq(r.ctx)
	u.h.releaseWriter(w)
	if err != nil {
		t.Fatal(err)
	}
	if after <= before {
		t.Errorf("HighestModSeq %d after an append, %d before", after, before)
	}
	if c.inTx {
		t.Error("stale read transaction not ended")
	}
}

// ACL and Changes, one statement each, keep their answers for a gone
// mailbox, a mailbox without entries and pruned events.
func TestSingleStatementReads(t *testing.T) {
	tests := []struct {
		name string
		run  func(r *rtest, a store.Account) error
		want error // nil: success
	}{
		{"ACL of a deleted mailbox", func(r *rtest, a store.Account) error {
			mb, err := a.Mailbox(r.ctx, "Work")
			if err != nil {
				return err
			}
			if err := a.DeleteMailbox(r.ctx, "Work"); err != nil {
				return err
			}
			_, err = mb.ACL(r.ctx)
			return err
		}, store.ErrNoMailbox},
		{"ACL without entries", func(r *rtest, a store.Account) error {
			mb, err := a.Mailbox(r.ctx, "Work")
			if err != nil {
				return err
			}
			r.exec("DELETE FROM acl")
			acl, err := mb.ACL(r.ctx)
			if err == nil && (acl == nil || len(acl) != 0) {
				return errors.New("not an empty ACL")
			}
			return err
		}, nil},
		{"Changes after pruning", func(r *rtest, a store.Account) error {
			r.exec("UPDATE account SET events_pruned = 5")
			_, err := a.Changes(r.ctx, 4)
			return err
		}, store.ErrChangesPruned},
		{"Changes with none", func(r *rtest, a store.Account) error {
			hm, err := a.HighestModSeq(r.ctx)
			if err != nil {
				return err
			}
			evs, err := a.Changes(r.ctx, hm)
			if err == nil && len(evs) != 0 {
				return errors.New("events after the highest modseq")
			}
			return err
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRTest(t)
			a := r.open()
			defer a.Close()
			err := tt.run(r, a)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// A cancelled context stops a statement before it runs, without the
// driver's per-statement watcher.
func TestStmtContextCancelled(t *testing.T) {
	r := newRTest(t)
	a := r.open()
	defer a.Close()
	ctx, cancel := context.WithCancel(r.ctx)
	cancel()
	if _, err := a.HighestModSeq(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("HighestModSeq with a cancelled context: %v", err)
	}
	mb, err := a.Mailbox(r.ctx, store.Inbox)
	if err != nil {
		t.Fatal(err)
	}
	_, err = mb.Append(ctx, strings.NewReader(body(1)), store.NewMessage{}, store.AppendOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Append with a cancelled context: %v", err)
	}
	if st, _ := mb.Status(r.ctx); st.Messages != 0 {
		t.Errorf("%d messages after a cancelled append", st.Messages)
	}
}

// Reads run on the writer connection when it is free, so a session
// process keeps one connection, and on a reader only while a write holds
// the writer; the writer comes back to the writer's place either way.
func TestReadUsesFreeWriter(t *testing.T) {
	r := newRTest(t)
	a := r.open()
	defer a.Close()
	u := a.(*account).u
	mb, err := a.Mailbox(r.ctx, store.Inbox)
	if err != nil {
		t.Fatal(err)
	}
	readers := func() int { return openReaders(u.h) }
	start := readers()
	if _, err := a.HighestModSeq(r.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := mb.View(r.ctx); err != nil {
		t.Fatal(err)
	}
	if n := readers(); n != start {
		t.Errorf("%d reader connections after reads with the writer free, %d before", n, start)
	}
	w, err := u.h.acquireWriter(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = mb.View(r.ctx)
	u.h.releaseWriter(w)
	if err != nil {
		t.Fatal(err)
	}
	if n := readers(); n != start+1 {
		t.Errorf("%d reader connections after a read with the writer held, want %d", n, start+1)
	}
	r.appendTo(store.Inbox, 1) // the writer is back where writes find it
	if st, err := mb.Status(r.ctx); err != nil || st.Messages != 1 {
		t.Errorf("status after append: %+v, %v", st, err)
	}
}

// openReaders is how many reader connections h has open.
func openReaders(h *handle) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.nread
}

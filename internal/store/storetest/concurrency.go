package storetest

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// testConcurrentAppend runs appends and flag changes from many goroutines,
// each with its own account handle, into one mailbox: every append
// succeeds, each appender sees its UIDs increase, UIDs and modseqs are
// unique, and nothing is lost.
func testConcurrentAppend(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	account(t, s, "alice")
	const workers, each = 8, 25
	var mu sync.Mutex
	var acked []imap.UID
	var wg sync.WaitGroup
	errs := make(chan error, workers*(each+1))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := s.Open(c, "alice")
			if err != nil {
				errs <- err
				return
			}
			defer a.Close()
			mb, err := a.Mailbox(c, store.Inbox)
			if err != nil {
				errs <- err
				return
			}
			var last imap.UID
			for i := range each {
				n := w*1000 + i
				res, err := mb.Append(c, bytes.NewReader(body(n)), store.NewMessage{}, store.AppendOptions{})
				if err != nil {
					errs <- fmt.Errorf("append %d: %w", n, err)
					return
				}
				if res.UID <= last {
					errs <- fmt.Errorf("worker %d: UID %d after %d", w, res.UID, last)
				}
				last = res.UID
				mu.Lock()
				acked = append(acked, res.UID)
				mu.Unlock()
				if i%5 == 0 {
					if _, err := mb.StoreFlags(c, imap.UIDSetNum(res.UID), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagSeen}}); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	a := account(t, s, "alice")
	msgs := fetchAll(t, mailbox(t, a, store.Inbox), store.FetchOptions{})
	if len(msgs) != workers*each {
		t.Fatalf("%d messages stored, want %d", len(msgs), workers*each)
	}
	got := make([]imap.UID, len(msgs))
	guids := map[string]bool{}
	modseqs := map[uint64]bool{}
	for i, m := range msgs {
		got[i] = m.UID
		guids[m.GUID] = true
		modseqs[m.ModSeq] = true
	}
	slices.Sort(acked)
	if !slices.Equal(got, acked) {
		t.Errorf("stored UIDs differ from acknowledged ones")
	}
	if len(guids) != workers*each || len(modseqs) != workers*each {
		t.Errorf("%d distinct GUIDs, %d distinct modseqs", len(guids), len(modseqs))
	}
	st := status(t, mailbox(t, a, store.Inbox))
	if st.Messages != workers*each || st.Unseen != workers*(each-5) {
		t.Errorf("status %+v", st)
	}
}

func testSweep(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	for i := range 3 {
		add(t, mb, i)
	}
	rep, err := a.Sweep(c, store.SweepOptions{Verify: true})
	must(t, err, "Sweep")
	if rep.Orphans != 0 || len(rep.Missing) != 0 || len(rep.Corrupt) != 0 || rep.Recounted != 0 {
		t.Errorf("Sweep of a clean account = %+v", rep)
	}
	for i := range 3 {
		if !bytes.Equal(readAll(t, mb, imap.UID(i+1)), body(i)) {
			t.Errorf("message %d damaged by Sweep", i+1)
		}
	}
}

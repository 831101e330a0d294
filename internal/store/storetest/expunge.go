package storetest

import (
	"errors"
	"slices"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func testExpunge(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	for i := 1; i <= 6; i++ {
		if i%2 == 0 {
			add(t, mb, i, imap.FlagDeleted)
		} else {
			add(t, mb, i)
		}
	}
	hm := status(t, mb).HighestModSeq
	// UID EXPUNGE (RFC 4315): only \Deleted messages in the set.
	set := imap.UIDSet{{Start: 1, Stop: 4}}
	got, err := mb.Expunge(c, &set)
	must(t, err, "UID EXPUNGE 1:4")
	if !slices.Equal(got, []imap.UID{2, 4}) {
		t.Errorf("UID EXPUNGE 1:4 = %v", got)
	}
	got, err = mb.Expunge(c, nil)
	must(t, err, "EXPUNGE")
	if !slices.Equal(got, []imap.UID{6}) {
		t.Errorf("EXPUNGE = %v", got)
	}
	st := status(t, mb)
	if st.Messages != 3 || st.Deleted != 0 || st.HighestModSeq <= hm {
		t.Errorf("after expunge: %+v", st)
	}
	gone, err := mb.ExpungedSince(c, hm)
	must(t, err, "ExpungedSince")
	if !slices.Equal(gone, []imap.UID{2, 4, 6}) {
		t.Errorf("ExpungedSince = %v", gone)
	}
	if gone, _ := mb.ExpungedSince(c, st.HighestModSeq); len(gone) != 0 {
		t.Errorf("ExpungedSince(highest) = %v", gone)
	}
	_, err = mb.Open(c, 2)
	mustErr(t, err, store.ErrNoMessage, "Open expunged")
	// An open message survives its expunge until closed.
	cont, err := mb.Open(c, 1)
	must(t, err, "Open 1")
	defer cont.Close()
	_, err = mb.StoreFlags(c, imap.UIDSetNum(1), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}})
	must(t, err, "store")
	_, err = mb.Expunge(c, nil)
	must(t, err, "expunge 1")
	buf := make([]byte, cont.Size())
	if _, err := cont.ReadAt(buf, 0); err != nil || string(buf) != string(body(1)) {
		t.Errorf("open content after expunge: %q, %v", buf, err)
	}
	q, err := a.Quota(c)
	must(t, err, "Quota")
	if q.Messages != 2 {
		t.Errorf("quota messages after expunges = %d", q.Messages)
	}
}

func testChanges(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	add(t, mb, 1)
	add(t, mb, 2, imap.FlagDeleted)
	since, err := mb.HighestModSeq(c)
	must(t, err, "HighestModSeq")
	if since != status(t, mb).HighestModSeq {
		t.Errorf("HighestModSeq disagrees with Status")
	}
	_, err = mb.Expunge(c, nil)
	must(t, err, "Expunge")
	_, err = mb.StoreFlags(c, imap.UIDSetNum(1), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagSeen}})
	must(t, err, "Store")
	u3 := add(t, mb, 3)
	ch, err := mb.Changes(c, since)
	must(t, err, "Changes")
	if len(ch.Messages) != 2 || ch.Messages[0].UID != 1 || ch.Messages[1].UID != u3 || !slices.Equal(ch.Expunged, []imap.UID{2}) {
		t.Errorf("Changes = %+v", ch)
	}
	if ch.HighestModSeq != ch.Messages[1].ModSeq {
		t.Errorf("Changes.HighestModSeq %d, newest message modseq %d", ch.HighestModSeq, ch.Messages[1].ModSeq)
	}
	// CONDSTORE FETCH CHANGEDSINCE.
	msgs, err := mb.Fetch(c, imap.UIDSet{{Start: 1, Stop: 0}}, store.FetchOptions{ChangedSince: ch.Messages[0].ModSeq})
	must(t, err, "Fetch CHANGEDSINCE")
	if len(msgs) != 1 || msgs[0].UID != u3 {
		t.Errorf("Fetch CHANGEDSINCE = %+v", msgs)
	}
	if ch, _ := mb.Changes(c, ch.HighestModSeq); len(ch.Messages)+len(ch.Expunged) != 0 {
		t.Errorf("Changes(highest) = %+v", ch)
	}
}

func testEvents(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	start, err := a.HighestModSeq(c)
	must(t, err, "HighestModSeq")
	mb := mailbox(t, a, "Box")
	add(t, mb, 1)
	add(t, mb, 2)
	_, err = mb.StoreFlags(c, imap.UIDSet{{Start: 1, Stop: 2}}, store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}})
	must(t, err, "store")
	_, err = mb.Expunge(c, nil)
	must(t, err, "expunge")
	must(t, a.RenameMailbox(c, "Box", "Box2"), "rename")
	must(t, a.DeleteMailbox(c, "Box2"), "delete")
	evs, err := a.Changes(c, start)
	must(t, err, "Changes")
	var kinds []store.EventKind
	last := start
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
		if e.ModSeq <= last || e.MailboxID != mb.ID() || e.User != "alice" {
			t.Errorf("event %+v (previous modseq %d)", e, last)
		}
		last = e.ModSeq
	}
	want := []store.EventKind{store.EventMailboxCreate, store.EventAppend, store.EventAppend, store.EventFlags,
		store.EventExpunge, store.EventMailboxRename, store.EventMailboxDelete}
	if !slices.Equal(kinds, want) {
		t.Errorf("event kinds = %v, want %v", kinds, want)
	}
	if evs[5].Name != "Box2" {
		t.Errorf("rename event name %q", evs[5].Name)
	}
	hm, _ := a.HighestModSeq(c)
	if hm != last {
		t.Errorf("account HighestModSeq %d, last event %d", hm, last)
	}
	if evs, err := a.Changes(c, hm); err != nil || len(evs) != 0 {
		t.Errorf("Changes(highest) = %v, %v", evs, err)
	}
	if _, err := a.Changes(c, 0); err != nil && !errors.Is(err, store.ErrChangesPruned) {
		t.Errorf("Changes(0): %v", err)
	}
}

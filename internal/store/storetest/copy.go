package storetest

import (
	"bytes"
	"slices"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func testCopyMove(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	src := mailbox(t, a, store.Inbox)
	dst := mailbox(t, a, "Archive")
	for i := 1; i <= 4; i++ {
		add(t, src, i, "$Tag")
	}
	add(t, dst, 99) // dst UIDs start after its own
	before := fetchAll(t, src, store.FetchOptions{Summary: true})
	res, err := src.Copy(c, imap.UIDSetNum(2, 4), dst, store.AppendOptions{})
	must(t, err, "Copy")
	dstSt := status(t, dst)
	if res.UIDValidity != dstSt.UIDValidity || !slices.Equal(res.Source, []imap.UID{2, 4}) || !slices.Equal(res.Dest, []imap.UID{2, 3}) {
		t.Errorf("COPYUID = %+v (dest UIDVALIDITY %d)", res, dstSt.UIDValidity)
	}
	copied, err := dst.Fetch(c, imap.UIDSetNum(res.Dest...), store.FetchOptions{Summary: true})
	must(t, err, "Fetch copies")
	for i, m := range copied {
		o := before[res.Source[i]-1]
		if m.GUID != o.GUID || !m.InternalDate.Equal(o.InternalDate) || !sameFlags(m.Flags, o.Flags) || m.Summary.Subject != o.Summary.Subject {
			t.Errorf("copy %d = %+v, original %+v", m.UID, m, o)
		}
		if !bytes.Equal(readAll(t, dst, m.UID), readAll(t, src, o.UID)) {
			t.Errorf("copy %d content differs", m.UID)
		}
	}
	q, _ := a.Quota(c)
	if q.Messages != 7 {
		t.Errorf("quota counts %d messages, want 7 (copies count)", q.Messages)
	}
	// Expunging the originals keeps the copies readable (shared content).
	_, err = src.StoreFlags(c, imap.UIDSetNum(2), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}})
	must(t, err, "store")
	_, err = src.Expunge(c, nil)
	must(t, err, "expunge")
	if got := readAll(t, dst, 2); !bytes.Equal(got, body(2)) {
		t.Errorf("copy unreadable after original expunged: %q", got)
	}

	// MOVE (RFC 6851): atomic, originals expunged, GUIDs kept.
	hm := status(t, src).HighestModSeq
	res, err = src.Move(c, imap.UIDSet{{Start: 1, Stop: 0}}, dst, store.AppendOptions{})
	must(t, err, "Move")
	if !slices.Equal(res.Source, []imap.UID{1, 3, 4}) || !slices.Equal(res.Dest, []imap.UID{4, 5, 6}) {
		t.Errorf("MOVE mapping = %+v", res)
	}
	if st := status(t, src); st.Messages != 0 {
		t.Errorf("source after MOVE has %d messages", st.Messages)
	}
	gone, _ := src.ExpungedSince(c, hm)
	if !slices.Equal(gone, []imap.UID{1, 3, 4}) {
		t.Errorf("MOVE expunged %v", gone)
	}
	moved := fetchAll(t, dst, store.FetchOptions{})
	if len(moved) != 6 || moved[5].GUID != before[3].GUID {
		t.Errorf("after MOVE dst has %d messages", len(moved))
	}
	q, _ = a.Quota(c)
	if q.Messages != 6 {
		t.Errorf("quota after MOVE counts %d", q.Messages)
	}
}

func testCopyAcross(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	alice := account(t, s, "alice")
	bob := account(t, s, "bob")
	src := mailbox(t, alice, store.Inbox)
	dst := mailbox(t, bob, "Shared")
	add(t, src, 1, "$Label")
	add(t, src, 2)
	res, err := src.Copy(c, imap.UIDSet{{Start: 1, Stop: 2}}, dst, store.AppendOptions{})
	must(t, err, "cross-account Copy")
	if len(res.Dest) != 2 {
		t.Fatalf("Copy = %+v", res)
	}
	msgs := fetchAll(t, dst, store.FetchOptions{})
	if len(msgs) != 2 || msgs[0].GUID != guidOf(body(1)) || !slices.Contains(msgs[0].Flags, "$Label") {
		t.Errorf("bob's copies = %+v", msgs)
	}
	if !bytes.Equal(readAll(t, dst, msgs[1].UID), body(2)) {
		t.Errorf("bob's copy content differs")
	}
	res, err = src.Move(c, imap.UIDSetNum(1), dst, store.AppendOptions{})
	must(t, err, "cross-account Move")
	if st := status(t, src); st.Messages != 1 || len(res.Dest) != 1 {
		t.Errorf("after cross-account move: src %d messages, res %+v", st.Messages, res)
	}
	qa, _ := alice.Quota(c)
	qb, _ := bob.Quota(c)
	if qa.Messages != 1 || qb.Messages != 3 {
		t.Errorf("quota alice %d bob %d", qa.Messages, qb.Messages)
	}
}

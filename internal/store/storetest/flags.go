package storetest

import (
	"slices"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func testStoreFlags(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	for i := range 5 {
		add(t, mb, i)
	}
	set := func(op imap.StoreFlagsOp, uids imap.UIDSet, flags ...imap.Flag) store.StoreResult {
		t.Helper()
		res, err := mb.StoreFlags(c, uids, store.StoreRequest{Op: op, Flags: flags})
		must(t, err, "StoreFlags")
		return res
	}
	hm0 := status(t, mb).HighestModSeq
	res := set(imap.StoreFlagsAdd, imap.UIDSet{{Start: 2, Stop: 4}}, imap.FlagSeen, "$Work")
	if len(res.Updated) != 3 || len(res.Unchanged) != 0 {
		t.Fatalf("+FLAGS result = %+v", res)
	}
	prev, uid2 := hm0, res.Updated[0]
	for _, u := range res.Updated {
		if u.ModSeq <= prev {
			t.Errorf("modseq %d not increasing (prev %d)", u.ModSeq, prev)
		}
		prev = u.ModSeq
		if !sameFlags(u.Flags, []imap.Flag{imap.FlagSeen, "$Work"}) {
			t.Errorf("UID %d flags %v", u.UID, u.Flags)
		}
	}
	st := status(t, mb)
	if st.Unseen != 2 || st.HighestModSeq != prev {
		t.Errorf("after +FLAGS: unseen %d highestmodseq %d (want 2, %d)", st.Unseen, st.HighestModSeq, prev)
	}
	// Adding what is there changes nothing and keeps modseqs.
	res = set(imap.StoreFlagsAdd, imap.UIDSetNum(2), imap.FlagSeen)
	if len(res.Updated) != 0 || len(res.Unchanged) != 1 || res.Unchanged[0].ModSeq != uid2.ModSeq {
		t.Errorf("no-op store = %+v", res)
	}
	if status(t, mb).HighestModSeq != prev {
		t.Errorf("no-op store bumped HIGHESTMODSEQ")
	}
	res = set(imap.StoreFlagsDel, imap.UIDSet{{Start: 1, Stop: 0}}, imap.FlagSeen)
	if len(res.Updated) != 3 || len(res.Unchanged) != 2 {
		t.Errorf("-FLAGS 1:* updated %d unchanged %d", len(res.Updated), len(res.Unchanged))
	}
	res = set(imap.StoreFlagsSet, imap.UIDSet{{Start: 0, Stop: 0}}, imap.FlagDeleted, imap.FlagAnswered)
	if len(res.Updated) != 1 || res.Updated[0].UID != 5 || !sameFlags(res.Updated[0].Flags, []imap.Flag{imap.FlagDeleted, imap.FlagAnswered}) {
		t.Errorf("FLAGS on * = %+v", res)
	}
	st = status(t, mb)
	if st.Unseen != 5 || st.Deleted != 1 {
		t.Errorf("counters unseen %d deleted %d", st.Unseen, st.Deleted)
	}
	// Missing UIDs are skipped; invalid flags refused.
	res = set(imap.StoreFlagsAdd, imap.UIDSetNum(3, 42), imap.FlagFlagged)
	if len(res.Updated) != 1 {
		t.Errorf("store on 3,42 = %+v", res)
	}
	_, err := mb.StoreFlags(c, imap.UIDSetNum(1), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{"\\Recent"}})
	mustErr(t, err, store.ErrInvalidFlag, "store \\Recent")
	// View reflects everything.
	v, err := mb.View(c)
	must(t, err, "View")
	if len(v.Messages) != 5 || !slices.Contains(v.Messages[2].Flags, imap.FlagFlagged) || !slices.Contains(v.Keywords, "$Work") {
		t.Errorf("View = %+v", v)
	}
}

func testKeywords(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	u := add(t, mb, 1, "$Junk")
	// RFC 9051 §2.3.2: keywords are case-insensitive.
	res, err := mb.StoreFlags(c, imap.UIDSetNum(u), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{"$JUNK"}})
	must(t, err, "store $JUNK")
	if len(res.Updated) != 0 {
		t.Errorf("+FLAGS $JUNK on $Junk changed flags: %+v", res.Updated)
	}
	n, err := mb.Search(c, store.Criteria{Flags: []imap.Flag{"$junk"}})
	must(t, err, "Search")
	if !slices.Equal(n.UIDs, []imap.UID{u}) {
		t.Errorf("SEARCH KEYWORD $junk = %v", n.UIDs)
	}
	res, err = mb.StoreFlags(c, imap.UIDSetNum(u), store.StoreRequest{Op: imap.StoreFlagsDel, Flags: []imap.Flag{"$jUnK"}})
	must(t, err, "store -$jUnK")
	if len(res.Updated) != 1 || len(res.Updated[0].Flags) != 0 {
		t.Errorf("-FLAGS $jUnK = %+v", res)
	}
	u2 := add(t, mb, 2, "$JUNK", "$junk")
	m, _ := mb.Fetch(c, imap.UIDSetNum(u2), store.FetchOptions{})
	if len(m) != 1 || !slices.Equal(m[0].Flags, []imap.Flag{"$Junk"}) {
		t.Errorf("keyword spelling = %v, want the account's first spelling $Junk", m)
	}
}

func testUnchangedSince(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	add(t, mb, 1)
	add(t, mb, 2)
	msgs := fetchAll(t, mb, store.FetchOptions{})
	since := msgs[0].ModSeq
	// Message 2 has a modseq above since: RFC 7162 §3.1.3 says it fails.
	res, err := mb.StoreFlags(c, imap.UIDSet{{Start: 1, Stop: 2}}, store.StoreRequest{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagSeen}, Conditional: true, UnchangedSince: since})
	must(t, err, "conditional store")
	if len(res.Updated) != 1 || res.Updated[0].UID != 1 || !slices.Equal(res.Failed, []imap.UID{2}) {
		t.Errorf("UNCHANGEDSINCE result = %+v", res)
	}
	// UNCHANGEDSINCE 0 fails for every message (modseqs are > 0).
	res, err = mb.StoreFlags(c, imap.UIDSet{{Start: 1, Stop: 2}}, store.StoreRequest{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagFlagged}, Conditional: true})
	must(t, err, "UNCHANGEDSINCE 0")
	if len(res.Failed) != 2 || len(res.Updated) != 0 {
		t.Errorf("UNCHANGEDSINCE 0 result = %+v", res)
	}
}

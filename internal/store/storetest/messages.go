package storetest

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func testAppendFetch(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	zone := time.FixedZone("", -7*3600)
	date := time.Date(1996, 7, 17, 2, 44, 25, 0, zone)
	sent := time.Date(1996, 7, 16, 10, 0, 0, 0, time.UTC)
	sum := store.Summary{Date: sent, Subject: "Grüße", MessageID: "x@y",
		From: []store.Address{{Name: "A", Mailbox: "a", Host: "example.org"}}, References: []string{"r1", "r2"}}
	msg := body(7)
	st0 := status(t, mb)
	res, err := mb.Append(c, bytes.NewReader(msg), store.NewMessage{
		Flags: []imap.Flag{"\\seen", "$Forwarded"}, InternalDate: date,
		Structure: []byte("opaque-structure"), Summary: sum}, store.AppendOptions{})
	must(t, err, "Append")
	if res.UID != 1 || res.UIDValidity != st0.UIDValidity {
		t.Errorf("Append = %+v, UIDVALIDITY %d", res, st0.UIDValidity)
	}
	msgs, err := mb.Fetch(c, imap.UIDSetNum(res.UID), store.FetchOptions{Structure: true, Summary: true})
	must(t, err, "Fetch")
	if len(msgs) != 1 {
		t.Fatalf("Fetch returned %d messages", len(msgs))
	}
	m := msgs[0]
	if !m.InternalDate.Equal(date) || m.InternalDate.Format("-0700") != "-0700" {
		t.Errorf("InternalDate = %v, want %v with its zone", m.InternalDate, date)
	}
	if m.Size != int64(len(msg)) || m.GUID != guidOf(msg) {
		t.Errorf("Size %d GUID %s, want %d %s", m.Size, m.GUID, len(msg), guidOf(msg))
	}
	if !sameFlags(m.Flags, []imap.Flag{imap.FlagSeen, "$Forwarded"}) {
		t.Errorf("Flags = %v", m.Flags)
	}
	if string(m.Structure) != "opaque-structure" || m.Summary == nil || m.Summary.Subject != "Grüße" ||
		!m.Summary.Date.Equal(sent) || !slices.Equal(m.Summary.References, sum.References) || m.Summary.From[0] != sum.From[0] {
		t.Errorf("Structure %q Summary %+v", m.Structure, m.Summary)
	}
	if m.ModSeq <= st0.HighestModSeq || m.SaveDate.IsZero() {
		t.Errorf("ModSeq %d (was %d) SaveDate %v", m.ModSeq, st0.HighestModSeq, m.SaveDate)
	}
	if got := readAll(t, mb, res.UID); !bytes.Equal(got, msg) {
		t.Errorf("content = %q", got)
	}
	plain := fetchAll(t, mb, store.FetchOptions{})
	if plain[0].Structure != nil || plain[0].Summary != nil {
		t.Errorf("Fetch without options returned structure/summary")
	}
	st := status(t, mb)
	if st.Messages != 1 || st.Unseen != 0 || st.UIDNext != 2 || st.Size != int64(len(msg)) || st.HighestModSeq != m.ModSeq {
		t.Errorf("Status after append = %+v", st)
	}
	_, err = mb.Open(c, 99)
	mustErr(t, err, store.ErrNoMessage, "Open missing UID")
	_, err = mb.Append(c, strings.NewReader("x"), store.NewMessage{Flags: []imap.Flag{"\\Recent"}}, store.AppendOptions{})
	mustErr(t, err, store.ErrInvalidFlag, "Append with \\Recent")
	_, err = mb.Append(c, strings.NewReader("x"), store.NewMessage{Flags: []imap.Flag{"bad flag"}}, store.AppendOptions{})
	mustErr(t, err, store.ErrInvalidFlag, "Append with a bad keyword")
	if st2 := status(t, mb); st2.Messages != 1 || st2.UIDNext != 2 {
		t.Errorf("failed appends changed the mailbox: %+v", st2)
	}
}

// failingReader fails after some bytes, as a client vanishing mid-literal.
type failingReader struct{ n int }

// Read implements io.Reader.
func (r *failingReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, errors.New("connection reset")
	}
	n := min(len(p), r.n)
	for i := range p[:n] {
		p[i] = 'x'
	}
	r.n -= n
	return n, nil
}

func testAppendMany(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	items := []store.AppendItem{
		{Body: bytes.NewReader(body(1)), Message: store.NewMessage{}},
		{Body: bytes.NewReader(body(2)), Message: store.NewMessage{Flags: []imap.Flag{imap.FlagDraft}}},
		{Body: bytes.NewReader(body(3)), Message: store.NewMessage{}},
	}
	res, err := mb.AppendMany(c, items, store.AppendOptions{})
	must(t, err, "AppendMany")
	if !slices.Equal(res.UIDs, []imap.UID{1, 2, 3}) {
		t.Errorf("UIDs = %v", res.UIDs)
	}
	// All or nothing: a body failing midway stores none of the batch.
	bad := []store.AppendItem{
		{Body: bytes.NewReader(body(4)), Message: store.NewMessage{}},
		{Body: &failingReader{n: 100 << 10}, Message: store.NewMessage{}},
	}
	_, err = mb.AppendMany(c, bad, store.AppendOptions{})
	if err == nil {
		t.Fatal("AppendMany with a failing body succeeded")
	}
	if st := status(t, mb); st.Messages != 3 || st.UIDNext != 4 {
		t.Errorf("after failed batch: %+v", st)
	}
	for i, m := range fetchAll(t, mb, store.FetchOptions{}) {
		if got := readAll(t, mb, m.UID); !bytes.Equal(got, body(i+1)) {
			t.Errorf("UID %d content %q", m.UID, got)
		}
	}
}

func testUIDsNeverReused(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, "Box")
	st0 := status(t, mb)
	for i := range 3 {
		add(t, mb, i, imap.FlagDeleted)
	}
	_, err := mb.Expunge(c, nil)
	must(t, err, "Expunge")
	if u := add(t, mb, 9); u != 4 {
		t.Errorf("UID after expunging 1:3 = %d, want 4", u)
	}
	// Delete and create again: a new UIDVALIDITY, greater than before.
	must(t, a.DeleteMailbox(c, "Box"), "Delete")
	mb2 := mailbox(t, a, "Box")
	st := status(t, mb2)
	if st.UIDValidity <= st0.UIDValidity || st.ID == st0.ID {
		t.Errorf("recreated Box: UIDVALIDITY %d (was %d) id %s (was %s)", st.UIDValidity, st0.UIDValidity, st.ID, st0.ID)
	}
	if st.HighestModSeq <= st0.HighestModSeq {
		t.Errorf("recreated Box: HIGHESTMODSEQ went back to %d (was %d)", st.HighestModSeq, st0.HighestModSeq)
	}
	// Quickly repeated delete+create still yields distinct values.
	seen := map[uint32]bool{st.UIDValidity: true}
	for range 5 {
		must(t, a.DeleteMailbox(c, "Box"), "Delete")
		v := status(t, mailbox(t, a, "Box")).UIDValidity
		if seen[v] {
			t.Fatalf("UIDVALIDITY %d reused", v)
		}
		seen[v] = true
	}
}

func testRecent(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mb := mailbox(t, a, store.Inbox)
	add(t, mb, 1)
	add(t, mb, 2)
	if st := status(t, mb); st.Recent != 2 {
		t.Errorf("Recent = %d, want 2", st.Recent)
	}
	old, err := mb.ClaimRecent(c)
	must(t, err, "ClaimRecent")
	if old != 0 {
		t.Errorf("first claim mark = %d", old)
	}
	// A second session sees nothing recent.
	if old, _ := mb.ClaimRecent(c); old != 2 {
		t.Errorf("second claim mark = %d, want 2", old)
	}
	add(t, mb, 3)
	v, err := mb.View(c)
	must(t, err, "View")
	if v.Status.Recent != 1 || len(v.Messages) != 3 {
		t.Errorf("View: recent %d, %d messages", v.Status.Recent, len(v.Messages))
	}
	// The next claim takes the new message, and only once.
	if old, _ := mb.ClaimRecent(c); old != 2 {
		t.Errorf("claim after a new message: mark %d, want 2", old)
	}
	if old, _ := mb.ClaimRecent(c); old != 3 {
		t.Errorf("claim after that: mark %d, want 3", old)
	}
}

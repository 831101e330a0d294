package storetest

import (
	"bytes"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func testDeliver(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	alice := account(t, s, "alice")
	bob := account(t, s, "bob")
	mailbox(t, alice, "Lists")
	must(t, bob.SetQuota(c, store.QuotaLimits{StorageKB: 0, Messages: store.Unlimited}), "bob's quota")
	account(t, s, "carol")
	msg := body(1)
	rcpts := []store.Recipient{
		{User: "alice"},
		{User: "alice", Mailbox: "Lists"},
		{User: "nobody"},
		{User: "alice", Mailbox: "Missing"},
		{User: "bob"},                           // over quota
		{User: "bob", Quota: store.QuotaIgnore}, // IGNOREQUOTA
		{User: "carol", Mailbox: "inbox"},
	}
	out, err := s.Deliver(c, bytes.NewReader(msg), store.NewMessage{Flags: []imap.Flag{"$Delivered"},
		Summary: store.Summary{Subject: "hello"}}, rcpts)
	must(t, err, "Deliver")
	wantErr := []error{nil, nil, store.ErrNoUser, store.ErrNoMailbox, store.ErrOverQuota, nil, nil}
	for i, d := range out {
		if wantErr[i] == nil && (d.Err != nil || d.UID == 0 || d.UIDValidity == 0 || d.MailboxID == "") {
			t.Errorf("recipient %d: %+v", i, d)
		}
		if wantErr[i] != nil {
			mustErr(t, d.Err, wantErr[i], "recipient "+rcpts[i].User+"/"+rcpts[i].Mailbox)
		}
	}
	for _, who := range []struct {
		a    store.Account
		box  string
		want int
	}{{alice, store.Inbox, 1}, {alice, "Lists", 1}, {bob, store.Inbox, 1}} {
		msgs := fetchAll(t, mailbox(t, who.a, who.box), store.FetchOptions{Summary: true})
		if len(msgs) != who.want {
			t.Fatalf("%s/%s has %d messages", who.a.User(), who.box, len(msgs))
		}
		m := msgs[0]
		if m.GUID != guidOf(msg) || m.Summary.Subject != "hello" || !sameFlags(m.Flags, []imap.Flag{"$Delivered"}) {
			t.Errorf("%s/%s message = %+v", who.a.User(), who.box, m)
		}
		if !bytes.Equal(readAll(t, mailbox(t, who.a, who.box), m.UID), msg) {
			t.Errorf("%s/%s content differs", who.a.User(), who.box)
		}
	}
	// Nobody valid: nothing stored, every recipient answered.
	out, err = s.Deliver(c, bytes.NewReader(msg), store.NewMessage{}, []store.Recipient{{User: "ghost"}, {User: "bad/name"}})
	must(t, err, "Deliver to nobody")
	mustErr(t, out[0].Err, store.ErrNoUser, "ghost")
	mustErr(t, out[1].Err, store.ErrInvalidName, "bad/name")
}

func testDuplicates(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mailbox(t, a, "Lists")
	deliver := func(rcpts ...store.Recipient) []store.Delivery {
		t.Helper()
		out, err := s.Deliver(c, bytes.NewReader(body(1)), store.NewMessage{}, rcpts)
		must(t, err, "Deliver")
		return out
	}
	first := deliver(store.Recipient{User: "alice", DuplicateID: "1@example.org"})
	if first[0].Duplicate || first[0].Err != nil {
		t.Fatalf("first delivery %+v", first[0])
	}
	again := deliver(store.Recipient{User: "alice", DuplicateID: "1@example.org"},
		store.Recipient{User: "alice", Mailbox: "Lists", DuplicateID: "1@example.org"})
	if !again[0].Duplicate || again[1].Duplicate || again[1].Err != nil {
		t.Errorf("second delivery %+v", again)
	}
	if n := status(t, mailbox(t, a, store.Inbox)).Messages; n != 1 {
		t.Errorf("INBOX has %d messages after a duplicate", n)
	}
	// Without an id there is no suppression.
	deliver(store.Recipient{User: "alice"})
	if n := status(t, mailbox(t, a, store.Inbox)).Messages; n != 2 {
		t.Errorf("INBOX has %d messages", n)
	}
	// The general table, for sieve-like users.
	key := store.DuplicateKey{ID: "v@x", Scope: "vacation:bob@example.org"}
	dup, err := a.Duplicate(c, key)
	must(t, err, "Duplicate")
	if dup {
		t.Error("unmarked key is a duplicate")
	}
	must(t, a.MarkDuplicate(c, key, time.Now()), "MarkDuplicate")
	if dup, _ := a.Duplicate(c, key); !dup {
		t.Error("marked key is not a duplicate")
	}
	must(t, a.MarkDuplicate(c, store.DuplicateKey{ID: "old", Scope: "s"}, time.Now().Add(-30*24*time.Hour)), "mark old")
	if dup, _ := a.Duplicate(c, store.DuplicateKey{ID: "old", Scope: "s"}); dup {
		t.Error("expired key is a duplicate")
	}
}

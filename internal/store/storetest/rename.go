package storetest

import (
	"slices"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func testRename(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	work := mailbox(t, a, "Work")
	sub := mailbox(t, a, "Work/Sub")
	add(t, work, 1)
	add(t, sub, 2)
	mailbox(t, a, "Other")
	must(t, a.Subscribe(c, "Work/Sub"), "Subscribe")
	before := status(t, work)

	mustErr(t, a.RenameMailbox(c, "Work", "Other"), store.ErrMailboxExists, "rename onto existing")
	mustErr(t, a.RenameMailbox(c, "Work", "Work/Sub/Deeper"), store.ErrNotAllowed, "rename into own subtree")
	mustErr(t, a.RenameMailbox(c, "Nope", "Nope2"), store.ErrNoMailbox, "rename missing")
	mustErr(t, a.RenameMailbox(c, "Work", "INBOX"), store.ErrMailboxExists, "rename onto INBOX")

	must(t, a.RenameMailbox(c, "Work", "Archive/2024"), "rename tree")
	list, err := a.List(c)
	must(t, err, "List")
	want := []string{"Archive/2024", "Archive/2024/Sub", "INBOX", "Other"}
	if !slices.Equal(names(list), want) {
		t.Fatalf("after rename List = %q, want %q", names(list), want)
	}
	// Same mailbox: id, UIDVALIDITY and messages kept; handles follow.
	after := status(t, work)
	if after.Name != "Archive/2024" || after.ID != before.ID || after.UIDValidity != before.UIDValidity || after.Messages != 1 {
		t.Errorf("renamed status = %+v, before %+v", after, before)
	}
	if got := status(t, sub).Name; got != "Archive/2024/Sub" {
		t.Errorf("inferior renamed to %q", got)
	}
	subs, err := a.Subscriptions(c)
	must(t, err, "Subscriptions")
	if !slices.Equal(subs, []string{"Archive/2024/Sub"}) {
		t.Errorf("subscriptions after rename = %q", subs)
	}
	// The old name is free again, with a new UIDVALIDITY.
	w2 := mailbox(t, a, "Work")
	if st := status(t, w2); st.UIDValidity == before.UIDValidity || st.ID == before.ID {
		t.Errorf("new Work reuses UIDVALIDITY or id: %+v", st)
	}
}

func testRenameInbox(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	inbox := mailbox(t, a, store.Inbox)
	mailbox(t, a, "INBOX/Keep")
	u1 := add(t, inbox, 1, imap.FlagSeen)
	add(t, inbox, 2)
	before := status(t, inbox)
	guids := map[string]bool{}
	for _, m := range fetchAll(t, inbox, store.FetchOptions{}) {
		guids[m.GUID] = true
	}

	// RFC 3501 §6.3.5: messages move to the new mailbox, INBOX stays empty.
	must(t, a.RenameMailbox(c, "inbox", "Old Mail"), "rename INBOX")
	after := status(t, inbox)
	if after.Messages != 0 || after.ID != before.ID || after.UIDValidity != before.UIDValidity || after.UIDNext != before.UIDNext {
		t.Errorf("INBOX after rename = %+v, before %+v", after, before)
	}
	old := mailbox(t, a, "Old Mail")
	msgs := fetchAll(t, old, store.FetchOptions{})
	if len(msgs) != 2 {
		t.Fatalf("Old Mail has %d messages", len(msgs))
	}
	for _, m := range msgs {
		if !guids[m.GUID] {
			t.Errorf("message %d has a new GUID %s", m.UID, m.GUID)
		}
	}
	if !slices.Contains(msgs[0].Flags, imap.FlagSeen) {
		t.Errorf("flags lost: %v", msgs[0].Flags)
	}
	if _, err := a.Mailbox(c, "INBOX/Keep"); err != nil {
		t.Errorf("INBOX's inferior moved: %v", err)
	}
	// New mail still arrives in INBOX, with UIDs after the old ones.
	if u := add(t, inbox, 3); u <= u1+1 {
		t.Errorf("INBOX reused UID %d", u)
	}
	// Renaming INBOX below itself is fine: only its messages move.
	must(t, a.RenameMailbox(c, "INBOX", "INBOX/Old"), "rename INBOX to INBOX/Old")
	if st := status(t, mailbox(t, a, "INBOX/Old")); st.Messages != 1 {
		t.Errorf("INBOX/Old has %d messages", st.Messages)
	}
}

func testSubscriptions(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	mailbox(t, a, "Gone")
	for _, n := range []string{"inbox", "Gone", "Never/Existed"} {
		must(t, a.Subscribe(c, n), "Subscribe "+n)
	}
	must(t, a.Subscribe(c, "Gone"), "Subscribe twice")
	must(t, a.DeleteMailbox(c, "Gone"), "delete")
	must(t, a.Unsubscribe(c, "Never/Existed"), "Unsubscribe")
	must(t, a.Unsubscribe(c, "Not/Subscribed"), "Unsubscribe absent")
	mustErr(t, a.Subscribe(c, "bad*name"), store.ErrInvalidName, "Subscribe invalid")
	subs, err := a.Subscriptions(c)
	must(t, err, "Subscriptions")
	// RFC 9051 §6.3.5: DELETE does not remove the subscription.
	if !slices.Equal(subs, []string{"Gone", "INBOX"}) {
		t.Errorf("Subscriptions = %q", subs)
	}
}

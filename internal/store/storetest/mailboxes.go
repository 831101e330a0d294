package storetest

import (
	"slices"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func names(list []store.MailboxInfo) []string {
	out := make([]string, len(list))
	for i, m := range list {
		out[i] = m.Name
	}
	return out
}

func testMailboxes(t *testing.T, newStore NewStore) {
	s := newStore(t)
	c := ctx(t)
	a := account(t, s, "alice")
	info, err := a.CreateMailbox(c, "Sent", store.CreateOptions{SpecialUse: []imap.MailboxAttr{"\\sent"}})
	must(t, err, "create Sent")
	if !slices.Equal(info.SpecialUse, []imap.MailboxAttr{imap.MailboxAttrSent}) {
		t.Errorf("special-use = %v", info.SpecialUse)
	}
	if info.ID == "" || info.UIDValidity == 0 || info.UIDNext != 1 {
		t.Errorf("new mailbox status = %+v", info.Status)
	}
	_, err = a.CreateMailbox(c, "Bad", store.CreateOptions{SpecialUse: []imap.MailboxAttr{"\\Nonsense"}})
	mustErr(t, err, store.ErrSpecialUse, "unknown special-use")
	_, err = a.CreateMailbox(c, "Sent", store.CreateOptions{})
	mustErr(t, err, store.ErrMailboxExists, "create twice")
	_, err = a.CreateMailbox(c, "inbox", store.CreateOptions{})
	mustErr(t, err, store.ErrMailboxExists, "create inbox")
	mailbox(t, a, "Work/Projects/X")
	mailbox(t, a, "INBOX/Sub")

	list, err := a.List(c)
	must(t, err, "List")
	want := []string{"INBOX", "INBOX/Sub", "Sent", "Work/Projects/X"}
	if !slices.Equal(names(list), want) {
		t.Fatalf("List = %q, want %q", names(list), want)
	}
	children := map[string]bool{}
	ids := map[string]bool{}
	for _, m := range list {
		children[m.Name] = m.HasChildren
		ids[m.ID] = true
		if len(m.ACL) == 0 {
			t.Errorf("%s has no ACL", m.Name)
		}
	}
	if !children["INBOX"] || children["Sent"] || children["Work/Projects/X"] {
		t.Errorf("HasChildren = %v", children)
	}
	if len(ids) != len(list) {
		t.Errorf("mailbox ids not unique: %v", ids)
	}

	// A handle follows its mailbox by id and fails once it is deleted.
	mb := mailbox(t, a, "Sent")
	add(t, mb, 1)
	byID, err := a.MailboxByID(c, mb.ID())
	must(t, err, "MailboxByID")
	if byID.ID() != mb.ID() {
		t.Errorf("MailboxByID = %s", byID.ID())
	}
	must(t, mb.SetSpecialUse(c, []imap.MailboxAttr{imap.MailboxAttrArchive}), "SetSpecialUse")
	if su := status(t, mb).SpecialUse; !slices.Equal(su, []imap.MailboxAttr{imap.MailboxAttrArchive}) {
		t.Errorf("special-use after set = %v", su)
	}
	must(t, a.DeleteMailbox(c, "Sent"), "DeleteMailbox")
	_, err = mb.Status(c)
	mustErr(t, err, store.ErrNoMailbox, "Status after delete")
	_, err = mb.Fetch(c, imap.UIDSet{{Start: 1, Stop: 0}}, store.FetchOptions{})
	mustErr(t, err, store.ErrNoMailbox, "Fetch after delete")
	_, err = a.Mailbox(c, "Sent")
	mustErr(t, err, store.ErrNoMailbox, "Mailbox after delete")
	mustErr(t, a.DeleteMailbox(c, "Sent"), store.ErrNoMailbox, "delete twice")
	mustErr(t, a.DeleteMailbox(c, "INBOX"), store.ErrNotAllowed, "delete INBOX")
	// Deleting a parent leaves its inferiors.
	mailbox(t, a, "Work")
	must(t, a.DeleteMailbox(c, "Work"), "delete Work")
	if _, err := a.Mailbox(c, "Work/Projects/X"); err != nil {
		t.Errorf("inferior gone with its parent: %v", err)
	}
	q, err := a.Quota(c)
	must(t, err, "Quota")
	if q.Messages != 0 || q.StorageBytes != 0 {
		t.Errorf("usage after deleting the only message's mailbox = %+v", q)
	}
}

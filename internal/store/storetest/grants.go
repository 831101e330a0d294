package storetest

import (
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// RunGrantIndex checks a store's GrantIndex (skipped for stores without
// one): the index is built from ACLs that existed before its first use,
// grows with NoteGrant, and ignores owners and negative identifiers.
func RunGrantIndex(t *testing.T, newStore NewStore) {
	s := newStore(t)
	gi, ok := s.(store.GrantIndex)
	if !ok {
		t.Skip("store has no grant index")
	}
	c := ctx(t)
	grants := func(ids ...imap.RightsIdentifier) string {
		t.Helper()
		users, err := gi.Grantors(c, ids)
		must(t, err, "Grantors")
		return strings.Join(users, " ")
	}
	// Set before the index exists: found by building it.
	bob := mailbox(t, account(t, s, "bob"), "Shared")
	_, err := bob.SetRights(c, "alice", imap.RightModificationReplace, imap.RightSet("lr"))
	must(t, err, "SetRights")
	dave := mailbox(t, account(t, s, "dave"), store.Inbox)
	_, err = dave.SetRights(c, "anyone", imap.RightModificationReplace, imap.RightSet("l"))
	must(t, err, "SetRights")
	_, err = dave.SetRights(c, "-alice", imap.RightModificationReplace, imap.RightSet("l"))
	must(t, err, "SetRights")
	account(t, s, "carol")
	if got := grants("alice", "anyone"); got != "bob dave" {
		t.Errorf("built index for alice: %q", got)
	}
	if got := grants("-alice"); got != "" {
		t.Errorf("negative entries indexed: %q", got)
	}
	if got := grants("carol"); got != "" {
		t.Errorf("owners indexed: %q", got)
	}
	// Noted afterwards: found without a rebuild.
	must(t, gi.NoteGrant(c, "carol", "alice"), "NoteGrant")
	must(t, gi.NoteGrant(c, "carol", "-bob"), "NoteGrant")
	must(t, gi.NoteGrant(c, "carol", "carol"), "NoteGrant")
	if got := grants("alice"); got != "bob carol" {
		t.Errorf("after NoteGrant: %q", got)
	}
	if got := grants("bob", "carol"); got != "" {
		t.Errorf("negative or own grants noted: %q", got)
	}
}

package store

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// GrantIndex is a Store that can say which accounts share mailboxes with
// an identifier, so that listing what other users share with someone
// reads those accounts only, not every account (what Cyrus's
// reverseacls does for its mailbox list).
//
// The index may name accounts that no longer grant anything (entries
// are never removed), but never misses one, provided that every change
// that adds an identifier to an ACL other than through an ancestor's
// ACL at CREATE is announced with NoteGrant before it is made. A store
// builds the index from the ACLs themselves on first use.
type GrantIndex interface {
	// NoteGrant records that owner's account is about to name id in an
	// ACL. Negative identifiers ("-name") grant nothing and are ignored.
	NoteGrant(ctx context.Context, owner string, id imap.RightsIdentifier) error
	// Grantors lists, sorted, the users whose accounts may hold a mailbox
	// whose ACL names one of ids.
	Grantors(ctx context.Context, ids []imap.RightsIdentifier) ([]string, error)
}

package delivery

import (
	"context"
	"errors"
	"slices"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// chooseMailbox returns the store mailbox that t's message goes into: its
// +detail folder if that exists and the poster may post to it, else ""
// (INBOX). As Cyrus: delivery to INBOX needs no right, and any problem
// with the folder means INBOX rather than a bounce. Only an error reading
// the folder's ACL is returned, because that is an I/O failure.
func chooseMailbox(ctx context.Context, a store.Account, t Target, poster string) (string, error) {
	if t.Folder == "" || t.Folder == store.Inbox {
		return "", nil
	}
	mb, err := a.Mailbox(ctx, t.Folder)
	if errors.Is(err, store.ErrNoMailbox) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	acl, err := mb.ACL(ctx)
	if errors.Is(err, store.ErrNoMailbox) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	if !mayPost(acl, poster) {
		return "", nil
	}
	return t.Folder, nil
}

// mayPost reports whether acl grants the post right 'p' to poster (""
// for an anonymous one). The identities that apply are "anyone", and
// either the poster or, with no poster, "anonymous". This is what Cyrus
// matches with no auth state. Rights come from every entry that applies,
// less those of the negative entries "-id" (RFC 4314 §2). Groups are not
// resolved.
func mayPost(acl store.ACL, poster string) bool {
	ids := []string{"anyone", "anonymous"}
	if poster != "" {
		ids[1] = poster
	}
	var granted, denied bool
	for _, id := range ids {
		granted = granted || slices.Contains(acl[imap.RightsIdentifier(id)], imap.RightPost)
		denied = denied || slices.Contains(acl[imap.RightsIdentifier("-"+id)], imap.RightPost)
	}
	return granted && !denied
}

package store

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// ContentWalker is implemented by a Mailbox that can open the contents of
// many messages after one lookup, where Open costs a lookup per message:
// SEARCH BODY and TEXT read every candidate message, and on a mailbox of
// 100 000 messages those lookups cost more than the reading.
type ContentWalker interface {
	// EachContent calls fn with the content of each message of uids (in
	// ascending order) that still has one, in ascending UID order; the
	// content is closed when fn returns. A message expunged meanwhile is
	// skipped. An error from fn ends the walk and is returned.
	EachContent(ctx context.Context, uids []imap.UID, fn func(uid imap.UID, c Content) error) error
}

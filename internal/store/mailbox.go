package store

import (
	"context"
	"io"

	"github.com/emersion/go-imap/v2"
)

// Mailbox is a handle on one mailbox, bound to its id: it follows renames,
// and every call fails with ErrNoMailbox once the mailbox is deleted. UID
// sets use go-imap's convention that 0 stands for "*", which the store
// takes as the highest UID present; the IMAP layer normally resolves "*"
// against its own view first.
type Mailbox interface {
	// ID is the stable mailbox id (RFC 8474 MAILBOXID).
	ID() string
	// Status reads the mailbox's counters and attributes.
	Status(ctx context.Context) (Status, error)
	// HighestModSeq is one small read for IDLE polling.
	HighestModSeq(ctx context.Context) (uint64, error)
	// View snapshots the mailbox for SELECT.
	View(ctx context.Context) (View, error)
	// Changes returns what changed after since (CONDSTORE, QRESYNC, IDLE).
	Changes(ctx context.Context, since uint64) (Changes, error)
	// ExpungedSince returns the UIDs expunged after modseq since, in
	// ascending order (QRESYNC VANISHED (EARLIER), RFC 7162 §3.2.5.1).
	ExpungedSince(ctx context.Context, since uint64) ([]imap.UID, error)
	// ClaimRecent moves the mailbox's recent mark to its highest UID and
	// returns the old mark: the messages above it are \Recent for the
	// caller's session alone (RFC 3501 §2.3.2). Readers that must not
	// claim (EXAMINE) use Status.Recent.
	ClaimRecent(ctx context.Context) (imap.UID, error)

	// Fetch returns the metadata of the messages in uids, ascending.
	// Missing UIDs are skipped, as RFC 9051 §6.4.9 skips them.
	Fetch(ctx context.Context, uids imap.UIDSet, opts FetchOptions) ([]Message, error)
	// Open returns the message bytes. ErrNoMessage if the UID is absent.
	Open(ctx context.Context, uid imap.UID) (Content, error)
	// Search returns the UIDs matching every criterion.
	Search(ctx context.Context, c Criteria) (SearchResult, error)

	// Append adds one message; it returns only when the message is durable.
	Append(ctx context.Context, body io.Reader, msg NewMessage, opts AppendOptions) (AppendResult, error)
	// AppendMany adds several messages in one transaction: all or none.
	AppendMany(ctx context.Context, items []AppendItem, opts AppendOptions) (MultiAppendResult, error)
	// StoreFlags changes flags, giving every changed message a new modseq.
	StoreFlags(ctx context.Context, uids imap.UIDSet, req StoreRequest) (StoreResult, error)
	// Expunge removes the \Deleted messages, all of them (uids nil) or
	// those in uids (UID EXPUNGE, RFC 4315 §2.1), and returns their UIDs.
	Expunge(ctx context.Context, uids *imap.UIDSet) ([]imap.UID, error)
	// Copy copies messages to dest, keeping flags, internal date and GUID.
	Copy(ctx context.Context, uids imap.UIDSet, dest Mailbox, opts AppendOptions) (CopyResult, error)
	// Move moves messages to dest (RFC 6851): atomic within one account.
	Move(ctx context.Context, uids imap.UIDSet, dest Mailbox, opts AppendOptions) (CopyResult, error)

	// SetSpecialUse replaces the special-use attributes.
	SetSpecialUse(ctx context.Context, attrs []imap.MailboxAttr) error
	// ACL returns the access control list.
	ACL(ctx context.Context) (ACL, error)
	// SetRights modifies one identifier's rights and returns the result;
	// an empty result removes the identifier (DELETEACL).
	SetRights(ctx context.Context, id imap.RightsIdentifier, mod imap.RightModification, rights imap.RightSet) (imap.RightSet, error)
	// Metadata returns the entries visible to user: every /shared entry
	// and user's /private ones.
	Metadata(ctx context.Context, user string) ([]MetadataEntry, error)
	// SetMetadata sets or (nil Value) removes entries; /private ones
	// belong to user.
	SetMetadata(ctx context.Context, user string, entries []MetadataEntry) error
}

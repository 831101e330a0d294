package store

import (
	"context"
	"errors"
	"io"

	"github.com/emersion/go-imap/v2"
)

// Importer is implemented by the accounts (Account values) of backends
// that can take in mail copied from another server with its identity
// kept — UIDVALIDITY, UIDs, flags, internal dates — so that the users'
// clients do not resynchronise when they move (imapmigrate(8)). It is
// separate from Account because only a migration may choose UIDs and
// UIDVALIDITY; every other path gets them from the store.
//
// Every change goes through the backend's normal transaction and is
// recorded as an Event, so a live imapd or idled sees it as if a client
// had made it, and quota usage follows every message added or removed.
type Importer interface {
	// ImportMailbox opens the mailbox name for importing, creating it
	// with uidValidity (and opts.Create's special-use and ACL) if it does
	// not exist. If it exists with another UIDVALIDITY it fails with
	// ErrUIDValidity, unless it has never held a message (an INBOX that
	// Create made: it takes uidValidity) or opts.Replace is set (it is
	// emptied and made again with uidValidity, a new MAILBOXID and none
	// of its old tombstones: its old UIDs die with its old UIDVALIDITY).
	// The name is canonicalised as CanonicalMailbox does.
	ImportMailbox(ctx context.Context, name string, uidValidity uint32, opts ImportOptions) (ImportTarget, error)
}

// ImportOptions tune Importer.ImportMailbox.
type ImportOptions struct {
	// Create are the special-use attributes and ACL a new mailbox gets
	// (a nil ACL: as CreateMailbox).
	Create CreateOptions
	// Replace recreates an existing mailbox whose UIDVALIDITY differs
	// (the source mailbox was recreated since the last copy).
	Replace bool
}

// ImportTarget is a mailbox opened by Importer.ImportMailbox. What is
// there already (for an incremental copy) is Mailbox.View: the status
// and every message's UID and flags in one snapshot.
type ImportTarget interface {
	Mailbox
	// ImportMessages adds messages under the UIDs given, which must
	// ascend and be at least UIDNEXT (ErrUIDOrder otherwise); UIDNEXT
	// becomes the last one plus one. It is durable and all-or-nothing
	// like AppendMany, and counts towards quota usage under opts.Quota.
	ImportMessages(ctx context.Context, items []ImportItem, opts AppendOptions) error
	// ReplaceFlags gives each message its flags (ModSeq is ignored):
	// messages whose flags differ get a new modseq, the others are left
	// alone, UIDs not present are skipped. It returns how many changed.
	ReplaceFlags(ctx context.Context, msgs []MessageFlags) (int, error)
	// ExpungeUIDs removes the messages whatever their flags (the source
	// expunged them), leaving the tombstones QRESYNC reports, and returns
	// the UIDs removed.
	ExpungeUIDs(ctx context.Context, uids []imap.UID) ([]imap.UID, error)
	// RaiseUIDNext sets UIDNEXT to at least uid: UIDs the source used
	// for messages expunged before the copy must never be reused.
	RaiseUIDNext(ctx context.Context, uid imap.UID) error
	// RaiseModSeq raises the account's modseq counter and the mailbox's
	// HIGHESTMODSEQ to at least modseq, so that a CONDSTORE client of
	// the source never sees HIGHESTMODSEQ go backwards (RFC 7162 §3.1.1).
	RaiseModSeq(ctx context.Context, modseq uint64) error
}

// ImportItem is one message to import: its bytes, its flags, internal
// date, summary and structure as APPEND would have them, and its UID.
type ImportItem struct {
	UID     imap.UID
	Body    io.Reader
	Message NewMessage
}

// ErrUIDValidity: ImportMailbox found the mailbox with another
// UIDVALIDITY and was not told to replace it.
var ErrUIDValidity = errors.New("mailbox exists with another UIDVALIDITY")

// ErrUIDOrder: ImportMessages was given a UID below UIDNEXT or UIDs out
// of order; UIDs never go back (RFC 9051 §2.3.1.1).
var ErrUIDOrder = errors.New("UID below UIDNEXT or out of order")

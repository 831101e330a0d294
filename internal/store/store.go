package store

import (
	"context"
	"io"
	"time"
)

// Store is the mail store of one server: every account, delivery to
// several accounts at once, and server-wide metadata. Implementations are
// safe for concurrent use by goroutines and by several processes sharing
// the same data.
type Store interface {
	// Open opens an existing account. ErrNoUser if there is none: accounts
	// are created only by Create.
	Open(ctx context.Context, user string) (Account, error)
	// Create creates the account with its INBOX if it does not exist yet
	// and opens it. Concurrent Creates of one user (two lmtpd deliveries
	// autocreating it) both succeed.
	Create(ctx context.Context, user string) (Account, error)
	// DeleteUser removes an account and all its mail (cyradm's DELETE
	// user/<name>). ErrNoUser if there is none.
	DeleteUser(ctx context.Context, user string) error
	// Users lists every account, sorted.
	Users(ctx context.Context) ([]string, error)

	// Deliver stores one message into several recipients' mailboxes,
	// writing its bytes once and sharing them. Each recipient gets its
	// own result; the error is for failures before any recipient was
	// attempted (reading the body).
	Deliver(ctx context.Context, body io.Reader, msg NewMessage, rcpts []Recipient) ([]Delivery, error)

	// ServerMetadata returns the server entries (RFC 5464 §3.2, mailbox
	// "") visible to user: every /shared entry and user's /private ones.
	ServerMetadata(ctx context.Context, user string) ([]MetadataEntry, error)
	// SetServerMetadata sets or (nil Value) removes server entries.
	SetServerMetadata(ctx context.Context, user string, entries []MetadataEntry) error

	Close() error
}

// Account is one user's mail. Mailboxes are addressed by canonical name
// here and by handle (Mailbox) once opened. Close releases it.
type Account interface {
	// User is the account's user name.
	User() string

	// List returns every mailbox, sorted by name. Pattern matching and
	// namespaces are the IMAP layer's.
	List(ctx context.Context) ([]MailboxInfo, error)
	// Mailbox opens a handle by name. ErrNoMailbox if it does not exist.
	Mailbox(ctx context.Context, name string) (Mailbox, error)
	// MailboxByID opens a handle by mailbox id (MAILBOXID).
	MailboxByID(ctx context.Context, id string) (Mailbox, error)
	// CreateMailbox creates a mailbox; parents need not exist.
	CreateMailbox(ctx context.Context, name string, opts CreateOptions) (MailboxInfo, error)
	// DeleteMailbox deletes a mailbox and its messages; its inferiors and
	// subscriptions stay (RFC 9051 §6.3.5, §6.3.8). Deleting INBOX is
	// ErrNotAllowed.
	DeleteMailbox(ctx context.Context, name string) error
	// RenameMailbox renames a mailbox and its inferiors, keeping ids,
	// UIDVALIDITY and messages, and moves their subscriptions along. As
	// RFC 3501 §6.3.5, renaming INBOX moves its messages to a new mailbox
	// and leaves INBOX empty, its inferiors unaffected.
	RenameMailbox(ctx context.Context, oldName, newName string) error

	// Subscribe adds a name to the subscriptions; it need not exist.
	Subscribe(ctx context.Context, name string) error
	// Unsubscribe removes a name; absent names are not an error.
	Unsubscribe(ctx context.Context, name string) error
	// Subscriptions lists the subscribed names, sorted.
	Subscriptions(ctx context.Context) ([]string, error)

	// Quota returns the usage and limits of the account's quota root.
	Quota(ctx context.Context) (Quota, error)
	// SetQuota sets the limits (Unlimited to clear one).
	SetQuota(ctx context.Context, limits QuotaLimits) error

	// HighestModSeq is the account's modseq counter: one small read that
	// tells a poller whether anything changed.
	HighestModSeq(ctx context.Context) (uint64, error)
	// Changes returns the events after since, oldest first.
	// ErrChangesPruned if the log no longer reaches back that far.
	Changes(ctx context.Context, since uint64) ([]Event, error)

	// Duplicate reports whether key was marked within the expiry.
	Duplicate(ctx context.Context, key DuplicateKey) (bool, error)
	// MarkDuplicate records key as seen at the given time.
	MarkDuplicate(ctx context.Context, key DuplicateKey, at time.Time) error

	// Sweep removes what crashes left behind (message files no row
	// refers to), checks that every referenced file exists, optionally
	// verifies contents, and repairs counters.
	Sweep(ctx context.Context, opts SweepOptions) (SweepReport, error)

	Close() error
}

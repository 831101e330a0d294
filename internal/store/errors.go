package store

import "errors"

// Sentinel errors. Backends wrap them with context; callers branch with
// errors.Is and map them to protocol answers in one place (IMAP response
// codes, LMTP enhanced status codes).
var (
	// ErrNoUser: the account does not exist (Store.Open, Deliver). IMAP
	// login maps it to a failed login; LMTP to 550 5.1.1.
	ErrNoUser = errors.New("no such user")

	// ErrNoMailbox: the mailbox does not exist, or was deleted while a
	// handle to it was held. IMAP: NO [NONEXISTENT] (RFC 5530).
	ErrNoMailbox = errors.New("no such mailbox")

	// ErrMailboxExists: CREATE or RENAME onto an existing name.
	// IMAP: NO [ALREADYEXISTS] (RFC 5530).
	ErrMailboxExists = errors.New("mailbox already exists")

	// ErrOverQuota: the change would exceed the account's STORAGE or
	// MESSAGE limit. IMAP: NO [OVERQUOTA] (RFC 9208); LMTP 452 4.2.2.
	ErrOverQuota = errors.New("over quota")

	// ErrInvalidName: a user, mailbox or metadata entry name that the
	// store refuses (see CheckUser, CanonicalMailbox, CheckMetadataEntry).
	ErrInvalidName = errors.New("invalid name")

	// ErrInvalidFlag: a flag that is neither a settable system flag nor a
	// valid keyword atom (RFC 9051 §2.3.2; \Recent cannot be stored).
	ErrInvalidFlag = errors.New("invalid flag")

	// ErrSpecialUse: an unknown special-use attribute. IMAP: NO [USEATTR]
	// (RFC 6154 §3).
	ErrSpecialUse = errors.New("unsupported special-use attribute")

	// ErrInvalidRights: an ACL rights string with letters outside Cyrus's
	// set (RFC 4314 §2.1).
	ErrInvalidRights = errors.New("invalid rights")

	// ErrNotAllowed: an operation the data model forbids whatever the
	// rights: deleting INBOX, renaming a mailbox into its own subtree.
	ErrNotAllowed = errors.New("operation not allowed")

	// ErrNoMessage: the UID is not (or no longer) in the mailbox.
	ErrNoMessage = errors.New("no such message")

	// ErrMailboxFull: UIDNEXT would pass 2^32-1 (RFC 9051 §2.3.1.1: UIDs
	// are 32-bit); the mailbox must be recreated with a new UIDVALIDITY.
	ErrMailboxFull = errors.New("mailbox UID space exhausted")

	// ErrChangesPruned: the change log no longer reaches back to the
	// requested modseq; the caller must resynchronise in full.
	ErrChangesPruned = errors.New("change log pruned past the requested modseq")
)

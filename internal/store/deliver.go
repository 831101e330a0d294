package store

import (
	"time"

	"github.com/emersion/go-imap/v2"
)

// Recipient is one destination of a delivery (lmtpd).
type Recipient struct {
	User    string
	Mailbox string // "" means INBOX
	Quota   QuotaPolicy
	// DuplicateID enables duplicate suppression for this recipient
	// (Cyrus's duplicatesuppression): the message-id of the message. If
	// the same id was delivered to the same mailbox within the store's
	// expiry, nothing is stored and Delivery.Duplicate is set.
	DuplicateID string
}

// Delivery is the outcome for one Recipient. Err is nil on success, or
// wraps ErrNoUser, ErrNoMailbox, ErrOverQuota or an I/O failure — each
// recipient gets its own answer (RFC 2033 §4.2).
type Delivery struct {
	UIDValidity uint32
	UID         imap.UID
	MailboxID   string
	Duplicate   bool
	Err         error
}

// DuplicateKey is one entry of the duplicate-suppression table: an id
// (message-id) and a scope (the recipient mailbox for deliveries; sieve
// actions can use their own scopes).
type DuplicateKey struct {
	ID    string
	Scope string
}

// DefaultDuplicateExpiry is how long duplicate records are honoured, as
// Cyrus's customary `cyr_expire -E 3`.
const DefaultDuplicateExpiry = 72 * time.Hour

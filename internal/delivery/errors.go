package delivery

import (
	"errors"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
)

// Sentinel errors. The protocol layer maps them to replies in one place;
// the table is in the package documentation.
var (
	// ErrBadAddress: the recipient address does not parse, or names a user
	// no account can have (a name store.CheckUser or auth.ValidateUser
	// refuses). LMTP 501 5.1.3.
	ErrBadAddress = errors.New("bad recipient address")

	// ErrUnknownUser: there is no such account and it may not be
	// autocreated. Wraps store.ErrNoUser when the store said so.
	// LMTP 550 5.1.1.
	ErrUnknownUser = errors.New("user unknown")

	// ErrMailboxMissing: the account exists but the mailbox to deliver
	// into (INBOX) does not. Wraps store.ErrNoMailbox. LMTP 550 5.1.1, as
	// Cyrus answers a nonexistent mailbox.
	ErrMailboxMissing = errors.New("mailbox does not exist")

	// ErrOverQuota: the recipient's quota refuses the message. Wraps
	// store.ErrOverQuota. LMTP 452 4.2.2, or 552 5.2.2 with
	// lmtp_over_quota_perm_failure.
	ErrOverQuota = errors.New("over quota")

	// ErrTemporary: anything else: I/O, a cancelled context, the message
	// spool unreadable, a mailbox out of UIDs. LMTP 451 4.3.0.
	ErrTemporary = errors.New("temporary failure")
)

// classify wraps a store error in the sentinel the caller maps, keeping
// the store's error in the chain.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrNoUser):
		return fmt.Errorf("%w: %w", ErrUnknownUser, err)
	case errors.Is(err, store.ErrNoMailbox):
		return fmt.Errorf("%w: %w", ErrMailboxMissing, err)
	case errors.Is(err, store.ErrOverQuota):
		return fmt.Errorf("%w: %w", ErrOverQuota, err)
	}
	return fmt.Errorf("%w: %w", ErrTemporary, err)
}

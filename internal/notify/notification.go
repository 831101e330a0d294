package notify

import "errors"

// MaxSize is the largest datagram, in bytes, as Cyrus's NOTIFY_MAXSIZE:
// senders refuse to build a larger one and notifyd does not read past it.
const MaxSize = 8192

// Notification is one request to notifyd. Every field is text without NUL
// bytes; the datagram format has no way to carry one.
type Notification struct {
	// Method names how to notify (null, log, mailto, external); "" means
	// notifyd's default method. Case does not matter, as in Cyrus.
	Method string
	// Class is the kind of event, e.g. "MAIL" for lmtpd's new-mail
	// notifications or "SIEVE" for a Sieve notify action.
	Class string
	// Priority is the sender's urgency ("low", "normal", "high" in Sieve).
	Priority string
	// User is the user the notification is about.
	User string
	// Mailbox is the mailbox the event happened in.
	Mailbox string
	// Options are method-specific: for mailto, the recipient addresses.
	Options []string
	// Message is the notification text.
	Message string
	// File is an optional path (the delivered message's file in Cyrus);
	// "" leaves the field out of the datagram.
	File string
}

// ErrMalformed is wrapped by every error Decode returns for a datagram that
// does not follow the format.
var ErrMalformed = errors.New("malformed notification")

// ErrTooLarge is wrapped by Encode and Decode for a datagram over MaxSize.
var ErrTooLarge = errors.New("notification datagram too large")

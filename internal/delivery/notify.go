package delivery

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// Notifier hears of each message stored by a delivery. Cyrus lmtpd tells
// idled (for IDLE wake-ups) and notifyd's mailnotifier at this point.
// Delivered is called after the store call has returned, so no store lock
// is held. It runs on the delivering goroutine and so should not block
// for long. It is never called for duplicates or failures.
type Notifier interface {
	Delivered(ctx context.Context, ev DeliveredEvent)
}

// DeliveredEvent describes one stored message.
type DeliveredEvent struct {
	User        string
	Mailbox     string // store name, "INBOX" or the +detail folder
	MailboxID   string // RFC 8474 MAILBOXID
	UIDValidity uint32
	UID         imap.UID
	Size        int64
	// EnvelopeFrom is MAIL FROM's reverse-path. From and Subject are the
	// decoded header fields, and MessageID is the duplicate-suppression
	// id ("" if none).
	EnvelopeFrom string
	From         string
	Subject      string
	MessageID    string
}

// NotifierFunc adapts a function to Notifier.
type NotifierFunc func(ctx context.Context, ev DeliveredEvent)

// Delivered implements Notifier.
func (f NotifierFunc) Delivered(ctx context.Context, ev DeliveredEvent) { f(ctx, ev) }

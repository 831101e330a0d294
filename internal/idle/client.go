package idle

import (
	"context"
	"errors"

	"github.com/rs/zerolog"
)

// Client is what an imapd holds: its Watcher, for its IDLE sessions, and
// a Notifier, for the changes its commands make. It satisfies the IMAP
// server's view of idled (Watch and Notify).
type Client struct {
	*Watcher
	notifier *Notifier
}

// NewClient returns a Client of idled's socket at socketPath (imapd.conf
// idlesocket).
func NewClient(socketPath string, log zerolog.Logger) *Client {
	return &Client{Watcher: NewWatcher(socketPath, log), notifier: NewNotifier(socketPath)}
}

// Notify tells idled that a mailbox changed; see Notifier.Notify.
func (c *Client) Notify(ctx context.Context, user, mailboxID string, modseq uint64) error {
	return c.notifier.Notify(ctx, user, mailboxID, modseq)
}

// Close closes the Watcher and the Notifier.
func (c *Client) Close() error {
	return errors.Join(c.Watcher.Close(), c.notifier.Close())
}

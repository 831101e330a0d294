package notify

import (
	"context"

	"github.com/rs/zerolog"
)

// Log is the log method: one line per notification with its class,
// priority, user, mailbox, options and text, as Cyrus's notify_log writes
// to syslog. Useful for testing a notification set-up.
type Log struct {
	// Log receives the lines; notifyd passes the worker's syslog logger.
	Log zerolog.Logger
}

// Notify logs n at info level.
func (l *Log) Notify(_ context.Context, n Notification) error {
	ev := l.Log.Info().
		Str("class", n.Class).
		Str("priority", n.Priority).
		Str("user", n.User).
		Str("mailbox", n.Mailbox)
	if len(n.Options) > 0 {
		ev = ev.Strs("options", n.Options)
	}
	if n.File != "" {
		ev = ev.Str("file", n.File)
	}
	// The text goes in its own field: "message" is the line's own.
	ev.Str("text", n.Message).Msg("notification")
	return nil
}

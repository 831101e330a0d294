package main

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/delivery"
	"github.com/corvusmail/corvus/internal/idle"
	"github.com/corvusmail/corvus/internal/notify"
)

// newNotifier returns what lmtpd does after each stored delivery: tell
// idled which mailbox changed, so IDLE sessions on it wake at once, and,
// with mailnotifier set, send notifyd a datagram through notifysocket as
// Cyrus's lmtpd does (class MAIL, the user, the mailbox, a From/Subject
// line). close releases the idled socket.
func newNotifier(c *imapdconf.Config, log zerolog.Logger) (n delivery.Notifier, close func()) {
	idled := idle.NewNotifier(c.String("idlesocket"))
	method := c.String("mailnotifier")
	s := notify.NewSender(c.String("notifysocket"))
	return delivery.NotifierFunc(func(ctx context.Context, ev delivery.DeliveredEvent) {
		if err := idled.Notify(ctx, ev.User, ev.MailboxID, 0); err != nil {
			log.Debug().Err(err).Str("user", ev.User).Msg("idled not notified")
		}
		if method == "" {
			return
		}
		n := notify.Notification{
			Method: method, Class: "MAIL", Priority: "normal",
			User: ev.User, Mailbox: ev.Mailbox,
			Message: fmt.Sprintf("From: %s\nSubject: %s\n", ev.From, ev.Subject),
		}
		if err := s.Send(ctx, n); err != nil {
			log.Warn().Err(err).Str("user", ev.User).Msg("mailnotifier: notification not sent")
		}
	}), func() { idled.Close() }
}

package main

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/delivery"
	"github.com/corvusmail/corvus/internal/notify"
)

// newNotifier returns what lmtpd does after each stored delivery: with
// mailnotifier set, a notifyd datagram through notifysocket, as Cyrus's
// lmtpd sends (class MAIL, the user, the mailbox, a From/Subject line).
// idled's wake-up joins here with its issue; until then IDLE sessions
// poll the store. nil when there is nothing to do.
func newNotifier(c *imapdconf.Config, log zerolog.Logger) delivery.Notifier {
	method := c.String("mailnotifier")
	if method == "" {
		return nil
	}
	s := notify.NewSender(c.String("notifysocket"))
	return delivery.NotifierFunc(func(ctx context.Context, ev delivery.DeliveredEvent) {
		n := notify.Notification{
			Method: method, Class: "MAIL", Priority: "normal",
			User: ev.User, Mailbox: ev.Mailbox,
			Message: fmt.Sprintf("From: %s\nSubject: %s\n", ev.From, ev.Subject),
		}
		if err := s.Send(ctx, n); err != nil {
			log.Warn().Err(err).Str("user", ev.User).Msg("mailnotifier: notification not sent")
		}
	})
}

package server

import (
	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.add("SUBSCRIBE", authed, (*Session).cmdSubscribe)
		r.add("UNSUBSCRIBE", authed, (*Session).cmdUnsubscribe)
	})
}

// cmdSubscribe: RFC 9051 §6.3.7. As Cyrus, only existing mailboxes can
// be subscribed.
func (s *Session) cmdSubscribe(cmd *wire.Command) error {
	name, err := s.mailboxArg(cmd)
	if err != nil {
		return err
	}
	if _, err := s.acct.Mailbox(s.ctx, name); err != nil {
		return storeError(err)
	}
	return storeError(s.acct.Subscribe(s.ctx, name))
}

// cmdUnsubscribe: RFC 9051 §6.3.8; the name need not exist.
func (s *Session) cmdUnsubscribe(cmd *wire.Command) error {
	name, err := s.mailboxArg(cmd)
	if err != nil {
		return err
	}
	return storeError(s.acct.Unsubscribe(s.ctx, name))
}

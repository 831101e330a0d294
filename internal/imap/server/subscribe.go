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

// cmdSubscribe: RFC 9051 §6.3.7. As Cyrus, only existing mailboxes the
// session may look up (l) can be subscribed. Another user's mailbox is
// subscribed under its Other Users name, the name LIST shows.
func (s *Session) cmdSubscribe(cmd *wire.Command) error {
	name, err := s.mailboxArg(cmd)
	if err != nil {
		return err
	}
	ref, err := s.resolve(name)
	if err != nil {
		return storeError(err)
	}
	defer ref.release()
	if _, _, err := s.access(ref, rightLookup); err != nil {
		return storeError(err)
	}
	if ref.own() {
		name = ref.name
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

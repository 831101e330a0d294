package server

import (
	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.add("DELETE", authed, (*Session).cmdDelete)
	})
}

// cmdDelete: RFC 9051 §6.3.5. Deleting the selected mailbox leaves the
// session in the authenticated state, as Cyrus.
func (s *Session) cmdDelete(cmd *wire.Command) error {
	name, err := s.mailboxArg(cmd)
	if err != nil {
		return err
	}
	if err := s.acct.DeleteMailbox(s.ctx, name); err != nil {
		return storeError(err)
	}
	if s.sel != nil && s.sel.name == name {
		s.unselect()
	}
	return nil
}

// mailboxArg parses commands whose only argument is a mailbox name.
func (s *Session) mailboxArg(cmd *wire.Command) (string, error) {
	d := cmd.Decoder()
	if err := d.SP(); err != nil {
		return "", err
	}
	raw, err := d.Mailbox()
	if err != nil {
		return "", err
	}
	if err := d.End(); err != nil {
		return "", err
	}
	name, err := s.storeName(raw)
	if err != nil {
		return "", storeError(err)
	}
	return name, nil
}

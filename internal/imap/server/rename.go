package server

import (
	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.add("RENAME", authed, (*Session).cmdRename)
	})
}

// cmdRename: RFC 9051 §6.3.6; inferiors follow, INBOX's messages move
// to the new name (the store implements both).
func (s *Session) cmdRename(cmd *wire.Command) error {
	d := cmd.Decoder()
	var oldRaw, newRaw []byte
	err := d.SP()
	if err == nil {
		oldRaw, err = d.Mailbox()
	}
	if err == nil {
		err = d.SP()
	}
	if err == nil {
		newRaw, err = d.Mailbox()
	}
	if err == nil {
		err = d.End()
	}
	if err != nil {
		return err
	}
	oldName, err := s.storeName(oldRaw)
	if err != nil {
		return storeError(err)
	}
	newName, err := s.storeName(newRaw)
	if err != nil {
		return storeError(err)
	}
	return storeError(s.acct.RenameMailbox(s.ctx, oldName, newName))
}

package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapMove)
		r.add("COPY", selectedS, (*Session).cmdCopy)
		r.addUID("COPY", (*Session).cmdCopy)
		r.add("MOVE", selectedS, (*Session).cmdMove)
		r.addUID("MOVE", (*Session).cmdMove)
	})
}

// cmdCopy: RFC 9051 §6.4.7 with COPYUID (RFC 4315 §3).
func (s *Session) cmdCopy(cmd *wire.Command) error { return s.copyMove(cmd, false) }

// cmdMove: RFC 6851 / RFC 9051 §6.4.8: COPYUID goes in an untagged OK
// before the EXPUNGEs (RFC 6851 §4.3).
func (s *Session) cmdMove(cmd *wire.Command) error { return s.copyMove(cmd, true) }

func (s *Session) copyMove(cmd *wire.Command, move bool) error {
	d := cmd.Decoder()
	set, raw, err := parseCopy(d)
	if err != nil {
		return err
	}
	if move && !s.sel.may(rightDeleteMsg|rightExpunge) {
		return noPerm() // as Cyrus: MOVE removes, which needs t and e
	}
	if move && s.sel.readOnly {
		return no(imap.ResponseCodeCannot, "Mailbox is read-only")
	}
	ref, err := s.resolveWire(raw)
	if err != nil {
		return tryCreate(err)
	}
	defer ref.release()
	dest, _, err := s.access(ref, rightInsert) // RFC 4314 §4: i
	if err != nil {
		return tryCreate(err)
	}
	uids := s.targets(set)
	if len(uids) == 0 {
		return s.update(!move)
	}
	opts := store.AppendOptions{Quota: s.quotaPolicy()}
	var res store.CopyResult
	if move {
		res, err = s.sel.mbox.Move(s.ctx, uidSet(uids), dest, opts)
	} else {
		res, err = s.sel.mbox.Copy(s.ctx, uidSet(uids), dest, opts)
	}
	if err != nil {
		return tryCreate(err)
	}
	s.notifyOther(ref, dest)
	code := wire.CopyUIDCode(res.UIDValidity, uidSet(res.Source), uidSet(res.Dest))
	if !move {
		if err := s.update(true); err != nil {
			return err
		}
		return ok(code, "COPY completed")
	}
	s.w.Status("", imap.StatusResponseTypeOK, code, "Ok")
	return s.update(true)
}

func parseCopy(d *wire.Decoder) (imap.NumSet, []byte, error) {
	if err := d.SP(); err != nil {
		return nil, nil, err
	}
	set, err := d.NumSet()
	if err != nil {
		return nil, nil, err
	}
	if err := d.SP(); err != nil {
		return nil, nil, err
	}
	raw, err := d.Mailbox()
	if err != nil {
		return nil, nil, err
	}
	return set, raw, d.End()
}

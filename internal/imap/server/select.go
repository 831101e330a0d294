package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.add("SELECT", authed, (*Session).cmdSelect)
		r.add("EXAMINE", authed, (*Session).cmdExamine)
	})
}

func (s *Session) cmdSelect(cmd *wire.Command) error  { return s.selectMailbox(cmd, false) }
func (s *Session) cmdExamine(cmd *wire.Command) error { return s.selectMailbox(cmd, true) }

// selectMailbox: RFC 9051 §6.3.2 and §6.3.3. A failed SELECT leaves no
// mailbox selected; selecting another closes the current one without
// expunging, with [CLOSED] (RFC 9051 §7.1).
func (s *Session) selectMailbox(cmd *wire.Command, readOnly bool) error {
	p, err := wire.ParseSelect(cmd.Decoder(), readOnly)
	if err != nil {
		return err
	}
	if p.QResync != nil && !s.qresync() {
		return bad("QRESYNC is not enabled") // RFC 7162 §3.2.5
	}
	if p.Options.CondStore || p.QResync != nil {
		s.enable(imap.CapCondStore)
	}
	if s.sel != nil {
		s.unselect()
		s.w.Status("", imap.StatusResponseTypeOK, wire.PlainCode(wire.CodeNameClosed), "Previous mailbox closed")
	}
	name, err := s.storeName(p.Mailbox)
	if err != nil {
		return storeError(err)
	}
	mbox, err := s.acct.Mailbox(s.ctx, name)
	if err != nil {
		return storeError(err)
	}
	view, err := mbox.View(s.ctx)
	if err != nil {
		return storeError(err)
	}
	sel := &selected{mbox: mbox, name: name, readOnly: readOnly,
		uidValidity: view.Status.UIDValidity, modSeq: view.Status.HighestModSeq,
		flags: map[imap.UID][]imap.Flag{}, recent: map[imap.UID]bool{}}
	uids := make([]imap.UID, len(view.Messages))
	for i, m := range view.Messages {
		uids[i] = m.UID
		sel.flags[m.UID] = m.Flags
	}
	sel.view = newSeqView(uids)
	s.sel, s.state = sel, stateSelected
	if err := s.claimRecent(view.Status.Recent); err != nil {
		s.unselect()
		return storeError(err)
	}
	s.selectResponses(view)
	if p.QResync != nil {
		if err := s.resync(p.QResync); err != nil {
			s.unselect()
			return err
		}
	}
	code := wire.PlainCode(wire.CodeNameReadWrite)
	if readOnly {
		code = wire.PlainCode(wire.CodeNameReadOnly)
	}
	return ok(code, cmd.Name+" completed")
}

// selectResponses writes the untagged data of RFC 9051 §6.3.2 (plus
// RFC 3501's RECENT for IMAP4rev1 clients).
func (s *Session) selectResponses(view store.View) {
	st := view.Status
	flags := append(append([]imap.Flag(nil), store.SystemFlags...), view.Keywords...)
	s.w.FlagsData(flags)
	s.w.Exists(uint32(len(view.Messages)))
	if !s.enabled[imap.CapIMAP4rev2] {
		s.w.Recent(s.recentCount())
	}
	s.w.Status("", imap.StatusResponseTypeOK, wire.UIDValidityCode(st.UIDValidity), "Ok")
	s.w.Status("", imap.StatusResponseTypeOK, wire.UIDNextCode(st.UIDNext), "Ok")
	perm := append(flags, imap.FlagWildcard)
	if s.sel.readOnly {
		perm = nil
	}
	s.w.Status("", imap.StatusResponseTypeOK, wire.PermanentFlagsCode(perm), "Ok")
	if s.condStore() {
		s.w.Status("", imap.StatusResponseTypeOK, wire.HighestModSeqCode(st.HighestModSeq), "Ok")
	}
	// RFC 8474 §4.2 (OBJECTID).
	s.w.Status("", imap.StatusResponseTypeOK, wire.MailboxIDCode(st.ID), "Ok")
}

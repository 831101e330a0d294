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
	ref, err := s.resolveWire(p.Mailbox)
	if err != nil {
		return storeError(err)
	}
	sel, view, err := s.openView(ref, readOnly)
	if err != nil {
		ref.release()
		return storeError(err)
	}
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
	if s.sel.readOnly {
		code = wire.PlainCode(wire.CodeNameReadOnly)
	}
	return ok(code, cmd.Name+" completed")
}

// openView checks the session may read the mailbox (r, RFC 4314 §4)
// and snapshots it. As Cyrus, it opens read-only (EXAMINE) when the
// session may change nothing in it: none of s, w, i, t, e. The selection
// keeps another user's account open.
func (s *Session) openView(ref *mailboxRef, readOnly bool) (*selected, store.View, error) {
	mbox, my, err := s.access(ref, rightRead)
	if err != nil {
		return nil, store.View{}, err
	}
	view, err := mbox.View(s.ctx)
	if err != nil {
		return nil, store.View{}, err
	}
	const changes = rightSeen | rightWrite | rightInsert | rightDeleteMsg | rightExpunge
	sel := &selected{mbox: mbox, name: ref.name, readOnly: readOnly || my&changes == 0,
		uidValidity: view.Status.UIDValidity, modSeq: view.Status.HighestModSeq,
		flags: map[imap.UID][]imap.Flag{}, recent: map[imap.UID]bool{}, lacks: allRights &^ my}
	if ref.other {
		sel.owner, sel.acct = ref.owner, ref.acct
	}
	uids := make([]imap.UID, len(view.Messages))
	for i, m := range view.Messages {
		uids[i] = m.UID
		sel.flags[m.UID] = m.Flags
	}
	sel.view = newSeqView(uids)
	return sel, view, nil
}

// permanentFlags are the flags the session may change for good (RFC 9051
// §7.1): as Cyrus, \Seen with s, \Deleted with t, the others and new
// keywords (\*) with w; none in a read-only selection.
func (s *Session) permanentFlags(flags []imap.Flag) []imap.Flag {
	sel := s.sel
	if sel.readOnly {
		return nil
	}
	var out []imap.Flag
	for _, f := range flags {
		if sel.may(flagRight(f)) {
			out = append(out, f)
		}
	}
	if sel.may(rightWrite) {
		out = append(out, imap.FlagWildcard)
	}
	return out
}

// flagRight is the right that setting or clearing f needs (RFC 4314
// §4): s for \Seen, t for \Deleted, w for every other flag.
func flagRight(f imap.Flag) rights {
	switch store.KeywordKey(f) {
	case store.KeywordKey(imap.FlagSeen):
		return rightSeen
	case store.KeywordKey(imap.FlagDeleted):
		return rightDeleteMsg
	}
	return rightWrite
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
	s.w.Status("", imap.StatusResponseTypeOK, wire.PermanentFlagsCode(s.permanentFlags(flags)), "Ok")
	if s.condStore() {
		s.w.Status("", imap.StatusResponseTypeOK, wire.HighestModSeqCode(st.HighestModSeq), "Ok")
	}
	// RFC 8474 §4.2 (OBJECTID).
	s.w.Status("", imap.StatusResponseTypeOK, wire.MailboxIDCode(st.ID), "Ok")
}

package server

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/sessionstate"
	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/telemetry"
)

// snapshot captures the session for a hand-over.
func (s *Session) snapshot() *sessionstate.State {
	st := &sessionstate.State{
		User: s.user, Admin: s.admin, TLS: s.tls,
		IdleTag:  s.idleTag,
		Service:  s.serviceName(),
		Buffered: s.r.Buffered(),
	}
	if !s.idleDeadline.IsZero() {
		st.IdleDeadline = s.idleDeadline.UnixMilli()
	}
	for c := range s.enabled {
		st.Enabled = append(st.Enabled, c)
	}
	if s.tele != nil {
		st.Telemetry = s.tele.Path()
	}
	if sel := s.sel; sel != nil {
		sel.view.flush() // pending expunges: the new session re-reads them
		st.MailboxID, st.Mailbox = sel.mbox.ID(), sel.name
		st.ReadOnly, st.UIDValidity = sel.readOnly, sel.uidValidity
		st.UIDs = append([]imap.UID(nil), sel.view.uids...)
		for _, u := range st.UIDs {
			if sel.recent[u] {
				st.Recent = append(st.Recent, u)
			}
		}
		st.ModSeq = sel.modSeq
	}
	return st
}

// restore rebuilds a session from st: the account, the selection with
// the client's numbering, enabled extensions, telemetry and unread
// input; an IDLE in progress goes on.
func (s *Session) restore(st *sessionstate.State) error {
	if st.User == "" {
		return fmt.Errorf("resume: no user in state")
	}
	acct, err := s.openAccount(s.ctx, st.User)
	if err != nil {
		return err
	}
	s.acct, s.user, s.admin, s.state = acct, st.User, st.Admin, stateAuth
	s.service = st.Service
	s.log = s.log.With().Str("user", s.user).Logger()
	for _, c := range st.Enabled {
		s.enable(c)
	}
	if st.Telemetry != "" {
		if l, err := telemetry.Reopen(st.Telemetry, "resume"); err == nil {
			s.tele = l
		}
	}
	if len(st.Buffered) > 0 {
		s.r = wire.NewReader(io.MultiReader(bytes.NewReader(st.Buffered), s.tap), s.readerOptions())
	}
	if st.Mailbox != "" {
		if err := s.reselect(st); err != nil {
			return err
		}
	}
	if st.IdleTag != "" {
		// What changed while the session slept, then the IDLE goes on
		// until the deadline the first imapd set.
		if err := s.update(true); err != nil {
			return err
		}
		if err := s.w.Flush(); err != nil {
			return err
		}
		if st.IdleDeadline != 0 {
			s.idleDeadline = time.UnixMilli(st.IdleDeadline)
		}
		s.answerAsync(st.IdleTag, "IDLE", s.idle(st.IdleTag))
	}
	return nil
}

// reselect opens the mailbox of st and checks it is still the same one.
func (s *Session) reselect(st *sessionstate.State) error {
	mbox, err := s.acct.Mailbox(s.ctx, st.Mailbox)
	if err != nil {
		return fmt.Errorf("resume: mailbox %q: %w", st.Mailbox, err)
	}
	status, err := mbox.Status(s.ctx)
	if err != nil {
		return fmt.Errorf("resume: status of %q: %w", st.Mailbox, err)
	}
	if status.UIDValidity != st.UIDValidity || (st.MailboxID != "" && mbox.ID() != st.MailboxID) {
		return fmt.Errorf("resume: UIDVALIDITY of %q changed", st.Mailbox)
	}
	s.sel = &selected{
		mbox: mbox, name: st.Mailbox, readOnly: st.ReadOnly,
		uidValidity: st.UIDValidity, modSeq: st.ModSeq,
		view:  newSeqView(append([]imap.UID(nil), st.UIDs...)),
		flags: map[imap.UID][]imap.Flag{}, recent: map[imap.UID]bool{},
	}
	for _, u := range st.Recent {
		s.sel.recent[u] = true
	}
	s.state = stateSelected
	return nil
}

// answerAsync writes the tagged answer of a command that was started in
// another process (an IDLE continued after hibernation).
func (s *Session) answerAsync(tag, name string, err error) {
	s.answer(&wire.Command{Tag: tag, Name: name}, err)
	s.w.Flush()
}

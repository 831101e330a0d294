package server

import (
	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// readOnlyCommands never change a mailbox, so no idled notification is
// looked for after them. Every other command is checked: even FETCH sets
// \Seen.
var readOnlyCommands = map[string]bool{
	"CAPABILITY": true, "NOOP": true, "LOGOUT": true, "ID": true, "ENABLE": true,
	"NAMESPACE": true, "LIST": true, "LSUB": true, "STATUS": true, "SELECT": true,
	"EXAMINE": true, "SEARCH": true, "UNSELECT": true, "IDLE": true, "CHECK": true,
	"LOGIN": true, "AUTHENTICATE": true, "STARTTLS": true,
}

// changeMark is where the change log stood before a command: the
// session account's modseq and, when the selected mailbox is another
// user's, that mailbox's.
type changeMark struct {
	acct    uint64
	sel     store.Mailbox
	selSeen uint64
}

// changeMark returns the mark before a command that may change
// mailboxes, for notifyChanges; ok is false when there is nothing to
// notify (no idled, not logged in, a read-only command).
func (s *Session) changeMark(cmd *wire.Command) (m changeMark, ok bool) {
	if s.srv.opts.Idled == nil || s.acct == nil || readOnlyCommands[cmd.Name] {
		return m, false
	}
	var err error
	if m.acct, err = s.acct.HighestModSeq(s.ctx); err != nil {
		return m, false
	}
	if s.sel != nil && s.sel.owner != "" {
		if n, err := s.sel.mbox.HighestModSeq(s.ctx); err == nil {
			m.sel, m.selSeen = s.sel.mbox, n
		}
	}
	return m, true
}

// notifyChanges tells idled of every mailbox the command changed, as
// Cyrus's imapd does after a change, so that sessions idling on them wake
// at once. A failure only costs those sessions a poll interval.
func (s *Session) notifyChanges(mark changeMark) {
	if s.acct == nil {
		return
	}
	if mark.sel != nil && s.sel != nil && s.sel.mbox == mark.sel {
		if now, err := mark.sel.HighestModSeq(s.ctx); err == nil && now > mark.selSeen {
			s.notify(s.sel.owner, mark.sel.ID(), now)
		}
	}
	since := mark.acct
	now, err := s.acct.HighestModSeq(s.ctx)
	if err != nil || now <= since {
		return
	}
	events, err := s.acct.Changes(s.ctx, since)
	if err != nil {
		return
	}
	changed := map[string]uint64{}
	for _, e := range events {
		changed[e.MailboxID] = max(changed[e.MailboxID], e.ModSeq)
	}
	for id, modseq := range changed {
		s.notify(s.user, id, modseq)
	}
}

// notifyOther tells idled that a command changed a mailbox of another
// user's account (APPEND, COPY or MOVE into it), which the session
// account's change log does not show.
func (s *Session) notifyOther(ref *mailboxRef, mbox store.Mailbox) {
	if s.srv.opts.Idled == nil || !ref.other {
		return
	}
	if now, err := mbox.HighestModSeq(s.ctx); err == nil {
		s.notify(ref.owner, mbox.ID(), now)
	}
}

func (s *Session) notify(user, mailboxID string, modseq uint64) {
	if err := s.srv.opts.Idled.Notify(s.ctx, user, mailboxID, modseq); err != nil {
		s.log.Debug().Err(err).Msg("idled not notified")
	}
}

package server

import "github.com/corvusmail/corvus/internal/imap/wire"

// readOnlyCommands never change a mailbox, so no idled notification is
// looked for after them. Every other command is checked: even FETCH sets
// \Seen.
var readOnlyCommands = map[string]bool{
	"CAPABILITY": true, "NOOP": true, "LOGOUT": true, "ID": true, "ENABLE": true,
	"NAMESPACE": true, "LIST": true, "LSUB": true, "STATUS": true, "SELECT": true,
	"EXAMINE": true, "SEARCH": true, "UNSELECT": true, "IDLE": true, "CHECK": true,
	"LOGIN": true, "AUTHENTICATE": true, "STARTTLS": true,
}

// changeMark returns the account's modseq before a command that may
// change mailboxes, for notifyChanges; ok is false when there is nothing
// to notify (no idled, not logged in, a read-only command).
func (s *Session) changeMark(cmd *wire.Command) (modseq uint64, ok bool) {
	if s.srv.opts.Idled == nil || s.acct == nil || readOnlyCommands[cmd.Name] {
		return 0, false
	}
	m, err := s.acct.HighestModSeq(s.ctx)
	return m, err == nil
}

// notifyChanges tells idled of every mailbox the command changed, as
// Cyrus's imapd does after a change, so that sessions idling on them wake
// at once. A failure only costs those sessions a poll interval.
func (s *Session) notifyChanges(since uint64) {
	if s.acct == nil {
		return
	}
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
		if err := s.srv.opts.Idled.Notify(s.ctx, s.user, id, modseq); err != nil {
			s.log.Debug().Err(err).Msg("idled not notified")
		}
	}
}

package server

import (
	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.add("MYRIGHTS", authed, (*Session).cmdMyRights)
	})
}

// cmdMyRights: RFC 4314 §3.5. Any right at all lets the session ask;
// with none the mailbox does not exist for it (§6).
func (s *Session) cmdMyRights(cmd *wire.Command) error {
	raw, err := parseMailboxOnly(cmd.Decoder())
	if err != nil {
		return err
	}
	ref, err := s.resolveWire(raw)
	if err != nil {
		return storeError(err)
	}
	defer ref.release()
	_, my, err := s.access(ref, 0)
	if err != nil {
		return storeError(err)
	}
	s.writeMyRights(s.wireName(ref.ns), my)
	return nil
}

// writeMyRights writes "* MYRIGHTS mailbox rights" (RFC 4314 §3.8), also
// sent after LIST responses for RETURN (MYRIGHTS) (RFC 8440 §3).
func (s *Session) writeMyRights(wireName string, r rights) {
	s.w.Raw("* MYRIGHTS ")
	s.w.MailboxName(wireName)
	s.w.SP()
	s.w.AString(r.String())
	s.w.CRLF()
}

package server

import "github.com/corvusmail/corvus/internal/imap/wire"

func init() {
	register(func(r *registry) {
		r.add("NOOP", anyState, (*Session).cmdNoop)
		r.add("CHECK", selectedS, (*Session).cmdNoop)
	})
}

// cmdNoop: RFC 9051 §6.1.2; also RFC 3501's CHECK (§6.4.1), which has
// nothing to do here since every change is durable at once. Both report
// the mailbox's changes.
func (s *Session) cmdNoop(cmd *wire.Command) error {
	if err := cmd.Decoder().End(); err != nil {
		return err
	}
	return s.update(true)
}

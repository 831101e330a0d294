package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapNamespace)
		r.add("NAMESPACE", authed, (*Session).cmdNamespace)
	})
}

// cmdNamespace: RFC 2342 / RFC 9051 §6.3.10. Only the personal namespace
// exists yet: "" with altnamespace, "INBOX<sep>" without (as Cyrus).
func (s *Session) cmdNamespace(cmd *wire.Command) error {
	if err := cmd.Decoder().End(); err != nil {
		return err
	}
	prefix := ""
	if !s.srv.opts.AltNamespace {
		prefix = "INBOX" + string(s.sep())
	}
	s.w.Namespace(&imap.NamespaceData{
		Personal: []imap.NamespaceDescriptor{{Prefix: prefix, Delim: rune(s.sep())}},
	})
	return nil
}

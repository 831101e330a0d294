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

// cmdNamespace: RFC 2342 / RFC 9051 §6.3.10. The personal namespace is
// "" with altnamespace, "INBOX<sep>" without (as Cyrus); other users'
// mailboxes are under "Other Users<sep>" in the alternate namespace and
// "user<sep>" in the standard one, which admins always see (as Cyrus).
// Corvus has no shared mailboxes, so no shared namespace.
func (s *Session) cmdNamespace(cmd *wire.Command) error {
	if err := cmd.Decoder().End(); err != nil {
		return err
	}
	prefix := ""
	if !s.srv.opts.AltNamespace {
		prefix = "INBOX" + string(s.sep())
	}
	delim := rune(s.sep())
	s.w.Namespace(&imap.NamespaceData{
		Personal: []imap.NamespaceDescriptor{{Prefix: prefix, Delim: delim}},
		Other:    []imap.NamespaceDescriptor{{Prefix: s.wireName(s.otherRoot()) + string(s.sep()), Delim: delim}},
	})
	return nil
}

package server

import (
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// The arguments of the ACL commands (RFC 4314 §7):
//
//	getacl     = "GETACL" SP mailbox
//	myrights   = "MYRIGHTS" SP mailbox
//	deleteacl  = "DELETEACL" SP mailbox SP identifier
//	listrights = "LISTRIGHTS" SP mailbox SP identifier
//	setacl     = "SETACL" SP mailbox SP identifier SP mod-rights
//	identifier = astring
//	mod-rights = astring  ; +rights to add, -rights to remove, else replace

// setACL is a parsed SETACL.
type setACL struct {
	mailbox []byte
	id      string
	mod     imap.RightModification
	rights  string // without the + or -
}

// parseMailboxOnly reads SP mailbox and the end of the command.
func parseMailboxOnly(d *wire.Decoder) ([]byte, error) {
	if err := d.SP(); err != nil {
		return nil, err
	}
	raw, err := d.Mailbox()
	if err != nil {
		return nil, err
	}
	return raw, d.End()
}

// parseMailboxIdentifier reads SP mailbox SP identifier and the end.
func parseMailboxIdentifier(d *wire.Decoder) ([]byte, string, error) {
	raw, id, err := mailboxIdentifier(d)
	if err != nil {
		return nil, "", err
	}
	return raw, id, d.End()
}

func mailboxIdentifier(d *wire.Decoder) ([]byte, string, error) {
	if err := d.SP(); err != nil {
		return nil, "", err
	}
	raw, err := d.Mailbox()
	if err != nil {
		return nil, "", err
	}
	if err := d.SP(); err != nil {
		return nil, "", err
	}
	id, err := d.Astring()
	return raw, id, err
}

// parseSetACL reads SETACL's arguments.
func parseSetACL(d *wire.Decoder) (*setACL, error) {
	raw, id, err := mailboxIdentifier(d)
	if err != nil {
		return nil, err
	}
	if err := d.SP(); err != nil {
		return nil, err
	}
	mod, err := d.Astring()
	if err != nil {
		return nil, err
	}
	if err := d.End(); err != nil {
		return nil, err
	}
	p := &setACL{mailbox: raw, id: id, mod: imap.RightModificationReplace, rights: mod}
	if mod != "" && (mod[0] == '+' || mod[0] == '-') {
		p.mod, p.rights = imap.RightModification(mod[0]), mod[1:]
	}
	return p, nil
}

// canonicalIdentifier is the form an identifier is kept in: "anyone"
// (also for Cyrus's synonym "anybody") and "anonymous" in lower case,
// "group:" names as given, user names canonical as logins are (virtual
// domains, username_tolower); a leading "-" (a negative entry, RFC 4314
// §2) is kept in front.
func (s *Session) canonicalIdentifier(raw string) (imap.RightsIdentifier, error) {
	neg, name := "", raw
	if rest, ok := strings.CutPrefix(raw, "-"); ok {
		neg, name = "-", rest
	}
	switch strings.ToLower(name) {
	case idAnyone, "anybody":
		name = idAnyone
	case idAnonymous:
		name = idAnonymous
	default:
		if !strings.HasPrefix(name, "group:") && s.srv.opts.Auth != nil {
			c, err := s.srv.opts.Auth.Names().Canonical(name, "")
			if err != nil {
				return "", err
			}
			name = c
		}
	}
	id := imap.RightsIdentifier(neg + name)
	return id, store.CheckIdentifier(id)
}

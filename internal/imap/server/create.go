package server

import (
	"errors"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapCreateSpecialUse)
		r.add("CREATE", authed, (*Session).cmdCreate)
	})
}

// cmdCreate: RFC 9051 §6.3.4. A trailing separator only says the client
// means to create inferiors, and is dropped. USE (RFC 6154 §3) is taken
// as far as the store accepts the attributes.
func (s *Session) cmdCreate(cmd *wire.Command) error {
	p, err := wire.ParseCreate(cmd.Decoder())
	if err != nil {
		return err
	}
	raw := strings.TrimSuffix(string(p.Mailbox), string(s.sep()))
	name, err := s.storeName([]byte(raw))
	if err != nil {
		return storeError(err)
	}
	if name == store.Inbox {
		return no(imap.ResponseCodeAlreadyExists, "INBOX always exists")
	}
	// RFC 9051 §6.3.4: superior names are created as needed.
	for _, parent := range parents(name) {
		if _, err := s.acct.CreateMailbox(s.ctx, parent, store.CreateOptions{}); err != nil && !errors.Is(err, store.ErrMailboxExists) {
			return storeError(err)
		}
	}
	info, err := s.acct.CreateMailbox(s.ctx, name, store.CreateOptions{SpecialUse: p.Options.SpecialUse})
	if err != nil {
		return storeError(err)
	}
	return ok(wire.MailboxIDCode(info.ID), "CREATE completed") // RFC 8474 §4.1
}

// parents lists the superiors of name, outermost first.
func parents(name string) []string {
	var out []string
	for p := store.Parent(name); p != ""; p = store.Parent(p) {
		out = append([]string{p}, out...)
	}
	return out
}

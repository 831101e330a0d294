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
// as far as the store accepts the attributes. In another user's account
// the k right on the nearest existing ancestor is needed (RFC 4314 §4);
// an admin may create anywhere, and CREATE user/<name> of a user without
// an account creates the account, as cyradm's createmailbox does.
func (s *Session) cmdCreate(cmd *wire.Command) error {
	p, err := wire.ParseCreate(cmd.Decoder())
	if err != nil {
		return err
	}
	raw := strings.TrimSuffix(string(p.Mailbox), string(s.sep()))
	ns, err := s.storeName([]byte(raw))
	if err != nil {
		return storeError(err)
	}
	ref, err := s.resolve(ns)
	switch {
	case errors.Is(err, errNamespaceRoot):
		return no(imap.ResponseCodeCannot, "Invalid mailbox name")
	case errors.Is(err, errNoAccount):
		return s.createAccount(ns)
	case err != nil:
		return storeError(err)
	}
	defer ref.release()
	if ref.name == store.Inbox {
		return no(imap.ResponseCodeAlreadyExists, "INBOX always exists")
	}
	if err := s.mayCreateIn(ref); err != nil {
		return err
	}
	// RFC 9051 §6.3.4: superior names are created as needed.
	for _, parent := range parents(ref.name) {
		if _, err := ref.acct.CreateMailbox(s.ctx, parent, store.CreateOptions{}); err != nil && !errors.Is(err, store.ErrMailboxExists) {
			return storeError(err)
		}
	}
	info, err := ref.acct.CreateMailbox(s.ctx, ref.name, store.CreateOptions{SpecialUse: p.Options.SpecialUse})
	if err != nil {
		return storeError(err)
	}
	return ok(wire.MailboxIDCode(info.ID), "CREATE completed") // RFC 8474 §4.1
}

// mayCreateIn checks the k right for a new mailbox in ref's account on
// its nearest existing ancestor (INBOX for a top-level one, as Cyrus's
// user/<name>). The owner holds k implicitly, admins need none.
func (s *Session) mayCreateIn(ref *mailboxRef) error {
	if ref.own() || s.admin {
		return nil
	}
	for p := store.Parent(ref.name); ; p = store.Parent(p) {
		if p == "" {
			p = store.Inbox
		}
		mbox, err := ref.acct.Mailbox(s.ctx, p)
		if errors.Is(err, store.ErrNoMailbox) && p != store.Inbox {
			continue
		}
		if err != nil {
			return noPerm()
		}
		acl, err := mbox.ACL(s.ctx)
		if err != nil {
			return storeError(err)
		}
		if !s.rightsOn(ref.owner, acl).has(rightCreate) {
			return noPerm() // as Cyrus, even where the ancestor is hidden
		}
		return nil
	}
}

// createAccount is CREATE of a name in the Other Users namespace whose
// user has no account: an admin creating user<sep><name> creates the
// account with its INBOX (Store.Create); anything else is refused with
// Cyrus's "Permission denied".
func (s *Session) createAccount(ns string) error {
	user, name, _, _ := s.splitOther(ns)
	if !s.admin || name != store.Inbox {
		return noPerm()
	}
	if s.srv.opts.Auth != nil {
		c, err := s.srv.opts.Auth.Names().Canonical(user, "")
		if err != nil || c != user {
			return no(imap.ResponseCodeCannot, "Invalid mailbox name")
		}
	}
	a, err := s.srv.opts.Store.Create(s.ctx, user)
	if err != nil {
		return storeError(err)
	}
	defer a.Close()
	inbox, err := a.Mailbox(s.ctx, store.Inbox)
	if err != nil {
		return storeError(err)
	}
	s.log.Info().Str("account", user).Msg("account created")
	return ok(wire.MailboxIDCode(inbox.ID()), "CREATE completed")
}

// parents lists the superiors of name, outermost first.
func parents(name string) []string {
	var out []string
	for p := store.Parent(name); p != ""; p = store.Parent(p) {
		out = append([]string{p}, out...)
	}
	return out
}

package server

import (
	"errors"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// mailboxRef is a mailbox as a command names it: the account it lives in
// (the session's own, or another user's under the Other Users namespace)
// and its name there.
type mailboxRef struct {
	ns    string // the session's name for it, store form
	owner string // the account's user
	name  string // the store name within that account
	acct  store.Account
	// other: acct was opened for this reference; release closes it.
	other bool
}

// errNamespaceRoot names the Other Users prefix itself, which is no
// mailbox and cannot become one.
var errNamespaceRoot = errors.New("namespace root")

// errNoAccount: the name is in the Other Users namespace but its user
// has no account (admins create one with CREATE user/<name>).
var errNoAccount = errors.New("no such account")

// resolve locates a mailbox by its session name (storeName's result).
// Another user's account is opened; release closes it.
func (s *Session) resolve(ns string) (*mailboxRef, error) {
	user, name, root, other := s.splitOther(ns)
	switch {
	case !other:
		return &mailboxRef{ns: ns, owner: s.user, name: ns, acct: s.acct}, nil
	case user == s.user && name != "":
		// As Cyrus: one's own mailboxes are one's own under this name too.
		return &mailboxRef{ns: ns, owner: s.user, name: name, acct: s.acct}, nil
	case root:
		return nil, errNamespaceRoot
	case name == "":
		return nil, errBadName
	}
	if err := store.CheckUser(user); err != nil {
		return nil, errNoAccount
	}
	a, err := s.srv.opts.Store.Open(s.ctx, user)
	if errors.Is(err, store.ErrNoUser) || errors.Is(err, store.ErrInvalidName) {
		return nil, errNoAccount
	}
	if err != nil {
		return nil, err
	}
	return &mailboxRef{ns: ns, owner: user, name: name, acct: a, other: true}, nil
}

// release closes an account opened for the reference; a second call
// does nothing.
func (r *mailboxRef) release() {
	if r != nil && r.other && r.acct != nil {
		r.acct.Close()
		r.acct = nil
	}
}

// own reports whether the mailbox is in the session's own account.
func (r *mailboxRef) own() bool { return !r.other }

// resolveWire is resolve for a name as the client sent it.
func (s *Session) resolveWire(raw []byte) (*mailboxRef, error) {
	ns, err := s.storeName(raw)
	if err != nil {
		return nil, err
	}
	return s.resolve(ns)
}

// access opens the mailbox and checks that the session holds need on
// it. As Cyrus (and RFC 4314 §6), a mailbox the session may not even
// look up is answered as if it did not exist: NO [NONEXISTENT]; one it
// sees but may not use this way NO [NOPERM]. need 0 asks for any right
// at all (MYRIGHTS).
func (s *Session) access(r *mailboxRef, need rights) (store.Mailbox, rights, error) {
	mbox, err := r.acct.Mailbox(s.ctx, r.name)
	if err != nil {
		return nil, 0, err
	}
	acl, err := mbox.ACL(s.ctx)
	if err != nil {
		return nil, 0, err
	}
	my := s.rightsOn(r.owner, acl)
	switch {
	case need == 0 && my == 0, !my.has(need) && !my.has(rightLookup):
		return nil, my, store.ErrNoMailbox
	case !my.has(need):
		return nil, my, errNoPerm
	}
	return mbox, my, nil
}

// errNoPerm: the session lacks a right it needs. IMAP: NO [NOPERM]
// "Permission denied", Cyrus's text.
var errNoPerm = errors.New("permission denied")

// noPerm is the answer to errNoPerm.
func noPerm() error { return no(imap.ResponseCodeNoPerm, "Permission denied") }

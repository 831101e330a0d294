package server

import (
	"strings"

	"github.com/corvusmail/corvus/internal/store"
)

// The Other Users namespace (RFC 2342 §4, RFC 4314): another user's
// mailboxes appear under a prefix, then the user's name, then the
// mailbox's name in that user's personal namespace, their INBOX being
// the user's name itself. As Cyrus (mboxname_init_namespace), the prefix
// is userprefix ("Other Users") in the alternate namespace and "user" in
// the standard one, and admins always get the standard one: cyradm names
// accounts user/<name>.

// userPrefix is Cyrus's default userprefix. The option is not read yet:
// see imapd(8), COMPATIBILITY.
const userPrefix = "Other Users"

// otherRoot is the session's Other Users prefix, in store form.
func (s *Session) otherRoot() string {
	if s.srv.opts.AltNamespace && !s.admin {
		return userPrefix
	}
	return "user"
}

// userPart is how a user's name appears in mailbox names: as Cyrus, a
// '.' becomes '^' when '.' is the hierarchy separator.
func (s *Session) userPart(user string) string {
	if s.sep() == '.' {
		return strings.ReplaceAll(user, ".", "^")
	}
	return user
}

// otherName is the session name (store form) of mailbox name of user's
// account, false when it has none: in the standard namespace only INBOX
// and its inferiors are a user's (as Cyrus's user.<name>.*).
func (s *Session) otherName(user, name string) (string, bool) {
	root := s.otherRoot() + "/" + s.userPart(user)
	if name == store.Inbox {
		return root, true
	}
	if !s.srv.opts.AltNamespace {
		rest, ok := strings.CutPrefix(name, store.Inbox+"/")
		if !ok {
			return "", false
		}
		name = rest
	}
	return root + "/" + name, true
}

// splitOther reads a session name (store form) in the Other Users
// namespace: the user, and the mailbox's name in their account; root is
// set for the namespace's root itself (no user), ok is false for a name
// outside the namespace.
func (s *Session) splitOther(ns string) (user, name string, root, ok bool) {
	prefix := s.otherRoot()
	if ns == prefix {
		return "", "", true, true
	}
	rest, in := strings.CutPrefix(ns, prefix+"/")
	if !in {
		return "", "", false, false
	}
	part, sub, _ := strings.Cut(rest, "/")
	user = s.userFromPart(part)
	if sub == "" {
		return user, store.Inbox, false, true
	}
	if !s.srv.opts.AltNamespace {
		sub = store.Inbox + "/" + sub
	}
	name, err := store.CanonicalMailbox(sub)
	if err != nil {
		return user, "", false, true
	}
	return user, name, false, true
}

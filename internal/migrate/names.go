package migrate

import (
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// Namespaces is what a source session shows of its mailbox names
// (RFC 2342 NAMESPACE): the personal namespace, which is what is
// migrated, and the prefixes of other users' and shared mailboxes, which
// are not (their owners' migrations copy them).
type Namespaces struct {
	Personal imap.NamespaceDescriptor
	Other    []string // prefixes
}

// NamespacesFrom reads a NAMESPACE response. A server without NAMESPACE
// is taken to have its personal mailboxes at the top with delim.
func NamespacesFrom(data *imap.NamespaceData, delim rune) Namespaces {
	ns := Namespaces{Personal: imap.NamespaceDescriptor{Delim: delim}}
	if data == nil {
		return ns
	}
	if len(data.Personal) > 0 {
		ns.Personal = data.Personal[0]
	}
	for _, d := range append(append([]imap.NamespaceDescriptor{}, data.Other...), data.Shared...) {
		ns.Other = append(ns.Other, d.Prefix)
	}
	return ns
}

// ToStore maps a source mailbox name to the store's canonical name, or
// says why it is not migrated. As Cyrus: with altnamespace (the default)
// a user's folders sit beside INBOX ("Sent", "Work/Projects"); without,
// below it ("INBOX.Sent" with '.' as separator, unixhierarchysep off).
// Either way INBOX is INBOX and the rest becomes '/'-separated.
func (ns Namespaces) ToStore(name string) (string, error) {
	delim := ns.Personal.Delim
	if strings.EqualFold(name, store.Inbox) {
		return store.Inbox, nil
	}
	if !ns.personal(name) {
		return "", fmt.Errorf("mailbox %q is not in the personal namespace", name)
	}
	rest := strings.TrimPrefix(name, ns.Personal.Prefix)
	if delim != 0 && delim != store.Separator {
		if strings.ContainsRune(rest, store.Separator) {
			return "", fmt.Errorf("mailbox %q: '/' inside a level cannot be kept (Corvus separates levels with '/')", name)
		}
		rest = strings.ReplaceAll(rest, string(delim), string(store.Separator))
	}
	out, err := store.CanonicalMailbox(rest)
	if err != nil {
		return "", fmt.Errorf("mailbox %q: %w", name, err)
	}
	return out, nil
}

// personal reports whether name lies in the personal namespace: the
// longest prefix that matches decides, the personal one winning a tie
// (Cyrus without altnamespace has the shared namespace at "" and the
// personal one at "INBOX.").
func (ns Namespaces) personal(name string) bool {
	p := ns.Personal.Prefix
	if !strings.HasPrefix(name, p) || name == p {
		return false
	}
	for _, o := range ns.Other {
		if len(o) > len(p) && strings.HasPrefix(name, o) {
			return false
		}
	}
	return true
}

// AdminUsers maps the names an admin's LIST "" "user<sep>%" returns to
// user names: the prefix taken off and, as Cyrus shows a '.' of a user
// name as '^' when '.' separates levels, '^' turned back into '.'.
func AdminUsers(names []string, prefix string, delim rune) []string {
	var out []string
	for _, n := range names {
		u, ok := strings.CutPrefix(n, prefix)
		if !ok || u == "" || strings.ContainsRune(u, delim) {
			continue
		}
		if delim == '.' {
			u = strings.ReplaceAll(u, "^", ".")
		}
		if store.CheckUser(u) == nil {
			out = append(out, u)
		}
	}
	return out
}

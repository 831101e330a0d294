package server

import (
	"errors"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// listOthers adds to l the other users' mailboxes the session may look
// up (l, RFC 4314 §4; admins look up all), under their Other Users
// names, when some pattern can reach that namespace. Their superiors
// count as having children only through what the session sees: a
// hidden mailbox shows nowhere, not even as \HasChildren (as Cyrus).
//
// Without an index of ACLs by identifier (Cyrus's reverseacls), this
// reads every account's mailbox list; a pattern naming one user reads
// only that account.
func (s *Session) listOthers(p *wire.List, l *listing) error {
	users, reach := s.othersReached(p)
	if !reach {
		return nil
	}
	if users == nil {
		var err error
		if users, err = s.sharingUsers(); err != nil {
			return err
		}
	}
	seen := map[string]bool{s.user: true}
	for _, u := range users {
		if seen[u] {
			continue
		}
		seen[u] = true
		if err := s.listAccount(u, l); err != nil {
			return err
		}
	}
	return nil
}

// sharingUsers are the accounts that may share a mailbox with the
// session: from the store's grant index when it has one (a user's ACL
// entries and "anyone"), else every account; an admin looks at all.
func (s *Session) sharingUsers() ([]string, error) {
	st := s.srv.opts.Store
	if gi, ok := st.(store.GrantIndex); ok && !s.admin {
		users, err := gi.Grantors(s.ctx, []imap.RightsIdentifier{imap.RightsIdentifier(s.user), idAnyone})
		if err == nil {
			return users, nil
		}
		s.log.Warn().Err(err).Msg("grant index unusable; reading every account")
	}
	return st.Users(s.ctx)
}

// listAccount adds the visible mailboxes of user's account.
func (s *Session) listAccount(user string, l *listing) error {
	a, err := s.srv.opts.Store.Open(s.ctx, user)
	if errors.Is(err, store.ErrNoUser) || errors.Is(err, store.ErrInvalidName) {
		return nil // deleted meanwhile, or a name no session can address
	}
	if err != nil {
		return err
	}
	infos, err := a.List(s.ctx)
	a.Close() // not kept: an admin's LIST may cover thousands of accounts
	if err != nil {
		return err
	}
	for i := range infos {
		info := &infos[i]
		r := s.rightsOn(user, info.ACL)
		ns, ok := s.otherName(user, info.Name)
		if !ok || !r.has(rightLookup) {
			continue
		}
		info.HasChildren = false
		e := l.add(ns)
		e.info, e.owner, e.name, e.rights = info, user, info.Name, r
	}
	return nil
}

// othersReached reports whether a LIST pattern can match a name in the
// Other Users namespace and, when every pattern that does names one
// user, those users (nil: all of them).
func (s *Session) othersReached(p *wire.List) (users []string, reach bool) {
	root := s.otherRoot()
	for _, pat := range p.Patterns {
		full, ok := s.listPattern(p.Reference, pat)
		if !ok {
			continue
		}
		lit := full
		if i := strings.IndexAny(full, "*%"); i >= 0 {
			lit = full[:i]
		}
		if !strings.HasPrefix(root, lit) && !strings.HasPrefix(lit, root+"/") && lit != root {
			continue
		}
		reach = true
		u, ok := patternUser(full, lit, root)
		if !ok {
			return nil, true
		}
		users = append(users, s.userFromPart(u))
	}
	return users, reach
}

// patternUser is the one user a pattern (with literal prefix lit) can
// match in the namespace below root, if its user segment is written out.
func patternUser(full, lit, root string) (string, bool) {
	rest, ok := strings.CutPrefix(lit, root+"/")
	if !ok {
		return "", false
	}
	if u, _, cut := strings.Cut(rest, "/"); cut {
		return u, true
	}
	if lit == full && rest != "" {
		return rest, true // no wildcard at all: exactly this user's INBOX
	}
	return "", false
}

// userFromPart undoes userPart.
func (s *Session) userFromPart(p string) string {
	if s.sep() == '.' {
		return strings.ReplaceAll(p, "^", ".")
	}
	return p
}

package server

import (
	"cmp"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// Reserved ACL identifiers (RFC 4314 §2: "anyone" is every user;
// "anonymous" only the anonymous login, which Corvus does not offer).
const (
	idAnyone    = "anyone"
	idAnonymous = "anonymous"
)

// identifierMatches reports whether an ACL identifier (without its "-")
// stands for user. Groups ("group:…") match nobody: Corvus has no group
// source yet.
func identifierMatches(id, user string) bool {
	return id == user || id == idAnyone || (id == idAnonymous && user == idAnonymous)
}

// aclRights computes what user may do under acl, as Cyrus does
// (cyrus_acl_myrights): the union of the rights of every identifier user
// is, less the union of the negative entries that name it (RFC 4314 §2),
// then the owner's and an admin's implicit rights, which no ACL entry
// can take away.
func aclRights(acl store.ACL, user string, owner, admin bool) rights {
	var pos, neg rights
	for id, set := range acl {
		s := string(id)
		if n, negative := strings.CutPrefix(s, "-"); negative {
			if identifierMatches(n, user) {
				neg |= storedRights(set)
			}
			continue
		}
		if identifierMatches(s, user) {
			pos |= storedRights(set)
		}
	}
	r := pos &^ neg
	if owner {
		r |= ownerImplicit
	}
	if admin {
		r |= adminImplicit
	}
	return r
}

// rightsOn is the session's rights on a mailbox of owner's account.
func (s *Session) rightsOn(owner string, acl store.ACL) rights {
	return aclRights(acl, s.user, owner == s.user, s.admin)
}

// sortedACL lists an ACL for the ACL response: the owner first, then
// the other identifiers in byte order, negative ones last (the store
// keeps no order; Cyrus shows the order of the changes).
func sortedACL(acl store.ACL, owner string) []imap.RightsIdentifier {
	ids := make([]imap.RightsIdentifier, 0, len(acl))
	for id := range acl {
		ids = append(ids, id)
	}
	rank := func(id imap.RightsIdentifier) int {
		switch {
		case string(id) == owner:
			return 0
		case strings.HasPrefix(string(id), "-"):
			return 2
		}
		return 1
	}
	slices.SortFunc(ids, func(a, b imap.RightsIdentifier) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return ids
}

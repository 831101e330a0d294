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
		r.capPost("QUOTA", "QUOTA=RES-STORAGE", "QUOTA=RES-MESSAGE", "QUOTASET")
		r.add("GETQUOTA", authed, (*Session).cmdGetQuota)
		r.add("GETQUOTAROOT", authed, (*Session).cmdGetQuotaRoot)
		r.add("SETQUOTA", authed, (*Session).cmdSetQuota)
	})
}

// ownRoot is the name of the user's own quota root as they see it: as
// Cyrus shows user.<name> to its owner, "INBOX".
const ownRoot = "INBOX"

// QUOTA (RFC 9208) as Cyrus does it: a user's quota root is their whole
// account, with the resources STORAGE (KiB) and MESSAGE. A user sees
// their own root as INBOX; an admin names any user's as user<sep><name>,
// as cyradm does, and only admins may set quotas.

// quotaAccount resolves a quota root name to an account; close is to be
// called when done. Roots other than one's own are for admins.
func (s *Session) quotaAccount(root string) (store.Account, func(), error) {
	if strings.EqualFold(root, ownRoot) {
		return s.acct, func() {}, nil
	}
	user, isUser := s.rootUser(root)
	switch {
	case !isUser:
		return nil, nil, no(imap.ResponseCodeNonExistent, "Quota root does not exist")
	case !s.admin && user != s.user:
		return nil, nil, no(imap.ResponseCodeNoPerm, "Permission denied")
	case user == s.user:
		return s.acct, func() {}, nil
	}
	a, err := s.srv.opts.Store.Open(s.ctx, user)
	if errors.Is(err, store.ErrNoUser) || errors.Is(err, store.ErrInvalidName) {
		return nil, nil, no(imap.ResponseCodeNonExistent, "Quota root does not exist")
	}
	if err != nil {
		return nil, nil, storeError(err)
	}
	return a, func() { a.Close() }, nil
}

// rootUser reads a quota root that names a user's account: the user's
// INBOX in the Other Users namespace, or user<sep><name> as cyradm
// writes it whatever the namespace.
func (s *Session) rootUser(root string) (string, bool) {
	if ns, err := s.storeName([]byte(root)); err == nil {
		if user, name, _, other := s.splitOther(ns); other && name == store.Inbox {
			return user, true
		}
	}
	user, ok := strings.CutPrefix(root, "user"+string(s.sep()))
	if !ok || user == "" || strings.IndexByte(user, s.sep()) >= 0 {
		return "", false
	}
	return s.userFromPart(user), true
}

// rootName is the quota root of an account as the session names it.
func (s *Session) rootName(ref *mailboxRef) string {
	if ref.own() {
		return ownRoot
	}
	ns, _ := s.otherName(ref.owner, store.Inbox)
	return s.wireName(ns)
}

// quotaResources lists the limited resources of q; none means the root
// has no quota (as Cyrus, which then has no quota root).
func quotaResources(q store.Quota) []wire.QuotaResource {
	var res []wire.QuotaResource
	if q.Limits.StorageKB >= 0 {
		res = append(res, wire.QuotaResource{Name: "STORAGE", Usage: q.StorageBytes / 1024, Limit: q.Limits.StorageKB})
	}
	if q.Limits.Messages >= 0 {
		res = append(res, wire.QuotaResource{Name: "MESSAGE", Usage: q.Messages, Limit: q.Limits.Messages})
	}
	return res
}

// cmdGetQuota: RFC 9208 §4.2.
func (s *Session) cmdGetQuota(cmd *wire.Command) error {
	raw, err := wire.ParseQuotaRoot(cmd.Decoder())
	if err != nil {
		return err
	}
	a, done, err := s.quotaAccount(string(raw))
	if err != nil {
		return err
	}
	defer done()
	q, err := a.Quota(s.ctx)
	if err != nil {
		return storeError(err)
	}
	res := quotaResources(q)
	if len(res) == 0 {
		return no(imap.ResponseCodeNonExistent, "Quota root does not exist")
	}
	s.w.Quota(string(raw), res)
	return nil
}

// cmdGetQuotaRoot: RFC 9208 §4.3: the root is the account holding the
// mailbox. As Cyrus, it needs r on the mailbox, except for admins.
func (s *Session) cmdGetQuotaRoot(cmd *wire.Command) error {
	raw, err := wire.ParseQuotaRoot(cmd.Decoder())
	if err != nil {
		return err
	}
	ref, err := s.resolveWire(raw)
	if err != nil {
		return storeError(err)
	}
	defer ref.release()
	need := rightRead
	if s.admin {
		need = rightLookup
	}
	if _, _, err := s.access(ref, need); err != nil {
		return storeError(err)
	}
	q, err := ref.acct.Quota(s.ctx)
	if err != nil {
		return storeError(err)
	}
	res := quotaResources(q)
	if len(res) == 0 {
		s.w.QuotaRoot(s.wireName(ref.ns), nil)
		return nil
	}
	root := s.rootName(ref)
	s.w.QuotaRoot(s.wireName(ref.ns), []string{root})
	s.w.Quota(root, res)
	return nil
}

// cmdSetQuota: RFC 9208 §4.1.3; resources not listed become unlimited.
func (s *Session) cmdSetQuota(cmd *wire.Command) error {
	p, err := wire.ParseSetQuota(cmd.Decoder())
	if err != nil {
		return err
	}
	if !s.admin {
		return no(imap.ResponseCodeNoPerm, "Permission denied")
	}
	limits := store.QuotaLimits{StorageKB: store.Unlimited, Messages: store.Unlimited}
	for _, r := range p.Limits {
		switch r.Name {
		case "STORAGE":
			limits.StorageKB = r.Limit
		case "MESSAGE":
			limits.Messages = r.Limit
		default:
			return no(imap.ResponseCodeCannot, "Unsupported quota resource "+r.Name)
		}
	}
	a, done, err := s.quotaAccount(p.Root)
	if err != nil {
		return err
	}
	defer done()
	if err := a.SetQuota(s.ctx, limits); err != nil {
		return storeError(err)
	}
	q, err := a.Quota(s.ctx)
	if err != nil {
		return storeError(err)
	}
	if res := quotaResources(q); len(res) > 0 {
		s.w.Quota(p.Root, res)
	}
	return nil
}

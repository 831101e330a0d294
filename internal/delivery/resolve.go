package delivery

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/autocreate"
	"github.com/corvusmail/corvus/internal/store"
)

// Target is one resolved recipient.
type Target struct {
	// Addr is the address as it was given, for logs and replies.
	Addr string
	// User is the canonical account name.
	User string
	// Detail is the +detail exactly as given ("" if there is none).
	Detail string
	// Folder is the store mailbox that Detail names, '/'-separated. It is
	// "" when there is no detail or the detail cannot name a mailbox; the
	// message then goes to INBOX.
	Folder string
	// Autocreate: the account does not exist yet and Deliver will create
	// it (autocreate_post).
	Autocreate bool
	// IgnoreQuota delivers to this recipient even over quota (Cyrus
	// lmtpd's RCPT TO … IGNOREQUOTA). The caller sets it.
	IgnoreQuota bool
}

// Resolve parses addr and checks its user, as Cyrus lmtpd does at RCPT
// time. It does not deliver anything. Errors wrap ErrBadAddress,
// ErrUnknownUser or ErrTemporary.
func (d *Deliverer) Resolve(ctx context.Context, addr string) (Target, error) {
	t, err := d.parse(addr)
	if err != nil {
		return Target{}, err
	}
	a, err := d.opt.Store.Open(ctx, t.User)
	switch {
	case err == nil:
		a.Close()
		return t, nil
	case !errors.Is(err, store.ErrNoUser):
		return Target{}, fmt.Errorf("resolve %s: %w", clip(addr), classify(err))
	case !d.mayAutocreate(t.User):
		return Target{}, fmt.Errorf("resolve %s: %w: %w", clip(addr), ErrUnknownUser, err)
	}
	t.Autocreate = true
	return t, nil
}

// CheckQuota reports (wrapping ErrOverQuota) whether t's quota already
// refuses a message of size bytes under the delivery's quota policy. Cyrus
// lmtpd makes this check at RCPT time. size is MAIL FROM's SIZE=, or 0 if
// it is not known. An account still to be autocreated always passes.
func (d *Deliverer) CheckQuota(ctx context.Context, t Target, size int64, ignoreQuota bool) error {
	policy := d.policy(ignoreQuota || t.IgnoreQuota)
	if t.Autocreate || policy == store.QuotaIgnore {
		return nil
	}
	a, err := d.opt.Store.Open(ctx, t.User)
	if err != nil {
		return fmt.Errorf("quota of %q: %w", t.User, classify(err))
	}
	defer a.Close()
	q, err := a.Quota(ctx)
	if err != nil {
		return fmt.Errorf("quota of %q: %w", t.User, classify(err))
	}
	if !q.Allows(policy, 1, size) {
		return fmt.Errorf("quota of %q: %w: %w", t.User, ErrOverQuota, store.ErrOverQuota)
	}
	return nil
}

// reserved are the identifiers no account can have (Cyrus: anonymous,
// anyone and its alias anybody).
var reserved = map[string]bool{"anonymous": true, "anyone": true, "anybody": true}

// parse turns an address into a Target without asking the store.
func (d *Deliverer) parse(addr string) (Target, error) {
	a, err := parseAddress(addr)
	if err != nil {
		return Target{}, err
	}
	// As Cyrus: the detail starts at the first '+' of the local part.
	user, detail, _ := strings.Cut(a.local, "+")
	domain := a.domain
	if d.opt.DowncaseRcpt {
		user, domain = asciiLower(user), asciiLower(domain)
	}
	switch {
	case user == "":
		return Target{}, fmt.Errorf("%w %s: empty user", ErrBadAddress, clip(addr))
	case strings.ContainsAny(user, "@%"):
		return Target{}, fmt.Errorf("%w %s: '@' or '%%' in the user name", ErrBadAddress, clip(addr))
	case reserved[strings.ToLower(user)]:
		return Target{}, fmt.Errorf("%w: %s is reserved", ErrUnknownUser, clip(user))
	}
	name := user
	if d.opt.VirtDomains != auth.VirtDomainsOff && domain != "" {
		// As Cyrus: without virtdomains the domain is simply dropped.
		name = user + "@" + domain
	}
	canon, err := d.names.Canonical(name, "")
	if err == nil {
		err = store.CheckUser(canon)
	}
	if err != nil {
		return Target{}, fmt.Errorf("%w %s: %v", ErrBadAddress, clip(addr), err)
	}
	return Target{Addr: addr, User: canon, Detail: detail, Folder: d.mailboxName(detail)}, nil
}

// mailboxName maps a folder name in the external notation to a store
// name ("" if it cannot name one).
func (d *Deliverer) mailboxName(s string) string {
	return autocreate.StoreName(s, d.opt.UnixHierarchySep)
}

// policy is the quota policy of a delivery: IGNOREQUOTA, else
// lmtp_strict_quota's choice.
func (d *Deliverer) policy(ignore bool) store.QuotaPolicy {
	switch {
	case ignore:
		return store.QuotaIgnore
	case d.opt.StrictQuota:
		return store.QuotaStrict
	}
	return store.QuotaLenient
}

package delivery

import (
	"strings"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/store"
)

// Options configure a Deliverer. OptionsFrom fills every field except
// Store, Notifier and Log.
type Options struct {
	Store store.Store
	// Names gives canonical user names (username_tolower, virtdomains,
	// defaultdomain, admins). Nil: the rules of an empty imapd.conf.
	Names *auth.Names
	// VirtDomains: with VirtDomainsOff the domain of an address is
	// dropped, as Cyrus lmtpd drops it. Otherwise it is part of the user.
	VirtDomains          auth.VirtDomains
	DowncaseRcpt         bool // lmtp_downcase_rcpt
	UnixHierarchySep     bool // unixhierarchysep: '/' rather than '.' in +detail
	DuplicateSuppression bool // duplicatesuppression
	StrictQuota          bool // lmtp_strict_quota
	Autocreate           Autocreate
	// Notifier, if set, hears of every message stored.
	Notifier Notifier
	Log      zerolog.Logger
}

// Autocreate is Cyrus's autocreate settings for delivery.
type Autocreate struct {
	// Post: create the account of an unknown recipient (autocreate_post).
	Post bool
	// Users may be autocreated: "anyone", or user names
	// (autocreate_users, space-separated). Cyrus's groups are not
	// supported and never match.
	Users []string
	// InboxFolders are created with the account, and those of them also in
	// SubscribeFolders are subscribed (autocreate_inbox_folders,
	// autocreate_subscribe_folders). Both are written in the external
	// notation, the same as a +detail.
	InboxFolders     []string
	SubscribeFolders []string
	// Quota is set on a new account; nil means none. It comes from
	// autocreate_quota (KiB) and autocreate_quota_messages, each
	// store.Unlimited when negative, and is nil when both are.
	Quota *store.QuotaLimits
}

// OptionsFrom reads the configuration-driven options from imapd.conf,
// normally the lmtpd service's view of it (c.ForService).
func OptionsFrom(c *imapdconf.Config) Options {
	acfg := auth.ConfigFrom(c)
	return Options{
		Names:                auth.NewNames(acfg),
		VirtDomains:          acfg.VirtDomains,
		DowncaseRcpt:         c.Switch("lmtp_downcase_rcpt"),
		UnixHierarchySep:     c.Switch("unixhierarchysep"),
		DuplicateSuppression: c.Switch("duplicatesuppression"),
		StrictQuota:          c.Switch("lmtp_strict_quota"),
		Autocreate: Autocreate{
			Post:             c.Switch("autocreate_post"),
			Users:            strings.Fields(c.String("autocreate_users")),
			InboxFolders:     splitFolders(c.String("autocreate_inbox_folders")),
			SubscribeFolders: splitFolders(c.String("autocreate_subscribe_folders")),
			Quota:            autocreateQuota(c.ByteSize("autocreate_quota"), c.Int("autocreate_quota_messages")),
		},
	}
}

// splitFolders splits a '|'-separated folder list and trims each name,
// as Cyrus's autocreate does. Empty names are dropped.
func splitFolders(s string) []string {
	var out []string
	for _, f := range strings.Split(s, "|") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// autocreateQuota turns the autocreate quota options into limits. As in
// Cyrus, nothing is set when both are negative. storage is in bytes (the
// option is given in KiB) and is rounded up to whole KiB.
func autocreateQuota(storage, messages int64) *store.QuotaLimits {
	if storage < 0 && messages < 0 {
		return nil
	}
	q := store.QuotaLimits{StorageKB: store.Unlimited, Messages: store.Unlimited}
	if storage >= 0 {
		q.StorageKB = (storage + 1023) / 1024
	}
	if messages >= 0 {
		q.Messages = messages
	}
	return &q
}

// Deliverer resolves recipients and delivers messages. It is safe for
// concurrent use.
type Deliverer struct {
	opt        Options
	names      *auth.Names
	autoAnyone bool
	autoUsers  map[string]bool
}

// New returns a Deliverer. opt.Store must be set.
func New(opt Options) *Deliverer {
	d := &Deliverer{opt: opt, names: opt.Names, autoUsers: map[string]bool{}}
	if d.names == nil {
		d.names = auth.NewNames(auth.Config{})
	}
	for _, u := range opt.Autocreate.Users {
		if u == "anyone" {
			d.autoAnyone = true
		} else if c, err := d.names.Canonical(u, ""); err == nil {
			d.autoUsers[c] = true
		}
	}
	return d
}

// mayAutocreate reports whether user's account may be created by a
// delivery. As Cyrus's autocreate: only with autocreate_post, only users
// listed in autocreate_users, and never admins or proxyservers.
func (d *Deliverer) mayAutocreate(user string) bool {
	if !d.opt.Autocreate.Post || !(d.autoAnyone || d.autoUsers[user]) {
		return false
	}
	// MayProxy for another identity is true just for admins and
	// proxyservers; the empty authz is nobody's.
	return !d.names.IsAdmin(user) && !d.names.MayProxy(user, "")
}

package delivery

import (
	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/autocreate"
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
	Autocreate           autocreate.Settings
	// Notifier, if set, hears of every message stored.
	Notifier Notifier
	Log      zerolog.Logger
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
		Autocreate:           autocreate.SettingsFrom(c),
	}
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

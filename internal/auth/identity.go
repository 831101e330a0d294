package auth

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxUserLen is the longest userid accepted, in bytes. Userids become
// directory and file names (telemetry, the store), so they stay well
// under NAME_MAX.
const MaxUserLen = 255

// ValidateUser rejects userids that are unusable or unsafe as a path
// component: empty, longer than MaxUserLen, invalid UTF-8, control
// characters (NUL included), "/" or "..".
func ValidateUser(user string) error {
	switch {
	case user == "":
		return fmt.Errorf("%w: empty", ErrInvalidUser)
	case len(user) > MaxUserLen:
		return fmt.Errorf("%w: longer than %d bytes", ErrInvalidUser, MaxUserLen)
	case !utf8.ValidString(user):
		return fmt.Errorf("%w: not UTF-8", ErrInvalidUser)
	case strings.IndexFunc(user, unicode.IsControl) >= 0:
		return fmt.Errorf("%w: control character", ErrInvalidUser)
	case strings.Contains(user, "/") || strings.Contains(user, ".."):
		return fmt.Errorf("%w: contains / or ..", ErrInvalidUser)
	}
	return nil
}

// Names applies Cyrus's identity rules: canonical userids under
// virtdomains, the admins and proxyservers lists, loginrealms.
type Names struct {
	cfg     Config
	admins  map[string]bool
	proxies map[string]bool
	realms  map[string]bool
}

// NewNames builds the rules from cfg. Entries of admins and proxyservers
// are canonicalised the same way as login names, so "admin@<defaultdomain>"
// in the list matches the login "admin".
func NewNames(cfg Config) *Names {
	n := &Names{cfg: cfg, admins: map[string]bool{}, proxies: map[string]bool{}, realms: map[string]bool{}}
	for _, a := range cfg.Admins {
		n.admins[n.listEntry(a)] = true
	}
	for _, p := range cfg.ProxyServers {
		n.proxies[n.listEntry(p)] = true
	}
	for _, r := range cfg.LoginRealms {
		n.realms[strings.ToLower(r)] = true
	}
	return n
}

func (n *Names) listEntry(s string) string {
	if c, err := n.Canonical(s, ""); err == nil {
		return c
	}
	return s
}

// Canonical returns the canonical userid for a name a client gave.
// serverDomain is the domain of the address the client connected to; it
// is only used with virtdomains: on, for a name without a domain.
//
// As Cyrus: with username_tolower the name is lower-cased; with
// virtdomains the domain follows the last '@' (or, failing that, the last
// '%', which becomes '@'); the defaultdomain is stripped; "anonymous",
// "anyone" and "anybody" are reserved and cannot log in.
func (n *Names) Canonical(user, serverDomain string) (string, error) {
	if n.cfg.UsernameToLower {
		user = strings.ToLower(user)
	}
	if n.cfg.VirtDomains != VirtDomainsOff {
		var err error
		if user, err = n.splitDomain(user, serverDomain); err != nil {
			return "", err
		}
	}
	local, _, _ := strings.Cut(user, "@")
	switch strings.ToLower(local) {
	case "anonymous", "anyone", "anybody":
		return "", fmt.Errorf("%w: %q is reserved", ErrInvalidUser, local)
	}
	if err := ValidateUser(user); err != nil {
		return "", err
	}
	return user, nil
}

// splitDomain normalises "local@domain" under virtdomains.
func (n *Names) splitDomain(user, serverDomain string) (string, error) {
	i := strings.LastIndexByte(user, '@')
	if i < 0 {
		i = strings.LastIndexByte(user, '%')
	}
	if user == "" {
		return "", fmt.Errorf("%w: empty", ErrInvalidUser)
	}
	if i < 0 {
		d := strings.ToLower(serverDomain)
		if n.cfg.VirtDomains == VirtDomainsOn && d != "" && d != n.cfg.DefaultDomain {
			return user + "@" + d, nil
		}
		return user, nil
	}
	local, domain := user[:i], strings.ToLower(user[i+1:])
	if local == "" || domain == "" || strings.ContainsAny(local, "@%") {
		return "", fmt.Errorf("%w: malformed user@domain", ErrInvalidUser)
	}
	if domain == n.cfg.DefaultDomain {
		return local, nil
	}
	return local + "@" + domain, nil
}

// IsAdmin reports whether the canonical userid is listed in admins.
func (n *Names) IsAdmin(user string) bool { return n.admins[user] }

// MayProxy reports whether authn may act as authz. As Cyrus
// (mysasl_proxy_policy): always for oneself; otherwise only admins and
// users listed in proxyservers may.
func (n *Names) MayProxy(authn, authz string) bool {
	return authn == authz || n.admins[authn] || n.proxies[authn]
}

// CheckRealm refuses a cross-realm authentication identity. As Cyrus: when
// virtdomains is off or loginrealms is set, an identity with "@realm" may
// only log in if realm is listed in loginrealms.
func (n *Names) CheckRealm(authn string) error {
	if n.cfg.VirtDomains != VirtDomainsOff && len(n.realms) == 0 {
		return nil
	}
	i := strings.LastIndexByte(authn, '@')
	if i < 0 || n.realms[strings.ToLower(authn[i+1:])] {
		return nil
	}
	return fmt.Errorf("%w: cross-realm login denied", ErrInvalidUser)
}

package auth

import (
	"strings"
	"time"

	"github.com/corvusmail/corvus/conf/imapdconf"
)

// VirtDomains is the imapd.conf virtdomains setting.
type VirtDomains int

// The values of virtdomains (Cyrus: off | userid | on).
const (
	// VirtDomainsOff: "user@domain" is one plain userid.
	VirtDomainsOff VirtDomains = iota
	// VirtDomainsUserid: the domain comes from the userid only.
	VirtDomainsUserid
	// VirtDomainsOn: as userid, and a userid without a domain takes the
	// domain of the server address the client connected to.
	VirtDomainsOn
)

// Config holds the imapd.conf keys this package reads, parsed once.
type Config struct {
	PwcheckMethods   []string      // sasl_pwcheck_method, one method a word
	MechList         []string      // sasl_mech_list, upper-cased; empty: all
	AllowPlaintext   bool          // allowplaintext
	MinimumLayer     int           // sasl_minimum_layer
	Admins           []string      // admins
	ProxyServers     []string      // proxyservers
	LoginRealms      []string      // loginrealms
	VirtDomains      VirtDomains   // virtdomains
	DefaultDomain    string        // defaultdomain
	UsernameToLower  bool          // username_tolower
	SaslauthdPath    string        // sasl_saslauthd_path
	PasswdFile       string        // corvus_passwd_file
	FailedLoginPause time.Duration // failedloginpause
}

// Defaults of keys the option table may not list yet; they are Cyrus's
// defaults except corvus_passwd_file, which Cyrus does not have.
const (
	DefaultSaslauthdPath = "/var/run/saslauthd/mux"
	// DefaultPasswdFile is relative to configdirectory.
	DefaultPasswdFile       = "corvus.passwd"
	DefaultFailedLoginPause = 3 * time.Second
	// DefaultPwcheckMethod is Cyrus SASL's default when
	// sasl_pwcheck_method is unset.
	DefaultPwcheckMethod = "auxprop"
)

// ConfigFrom reads the keys from c, a service view of imapd.conf (so that
// imaps_allowplaintext and the like apply). Keys that the option table
// does not list yet take the defaults above rather than panicking.
func ConfigFrom(c *imapdconf.Config) Config {
	cfg := Config{
		PwcheckMethods:  strings.Fields(strings.ToLower(c.String("sasl_pwcheck_method"))),
		MechList:        strings.Fields(strings.ToUpper(c.String("sasl_mech_list"))),
		AllowPlaintext:  c.Switch("allowplaintext"),
		MinimumLayer:    int(c.Int("sasl_minimum_layer")),
		Admins:          strings.Fields(c.String("admins")),
		ProxyServers:    strings.Fields(optString(c, "proxyservers", "")),
		LoginRealms:     strings.Fields(optString(c, "loginrealms", "")),
		VirtDomains:     parseVirtDomains(c.String("virtdomains")),
		DefaultDomain:   strings.ToLower(c.String("defaultdomain")),
		UsernameToLower: optSwitch(c, "username_tolower", true),
		SaslauthdPath:   optString(c, "sasl_saslauthd_path", DefaultSaslauthdPath),
		PasswdFile: optString(c, "corvus_passwd_file",
			strings.TrimRight(c.String("configdirectory"), "/")+"/"+DefaultPasswdFile),
		FailedLoginPause: DefaultFailedLoginPause,
	}
	if _, ok := imapdconf.Lookup("failedloginpause"); ok {
		cfg.FailedLoginPause = c.Duration("failedloginpause")
	}
	if len(cfg.PwcheckMethods) == 0 {
		cfg.PwcheckMethods = []string{DefaultPwcheckMethod}
	}
	return cfg
}

func parseVirtDomains(s string) VirtDomains {
	switch strings.ToLower(s) {
	case "userid":
		return VirtDomainsUserid
	case "on":
		return VirtDomainsOn
	}
	return VirtDomainsOff
}

// optString reads a STRING key if the option table has it, else def.
func optString(c *imapdconf.Config, key, def string) string {
	if _, ok := imapdconf.Lookup(key); ok {
		return c.String(key)
	}
	return def
}

// optSwitch reads a SWITCH key if the option table has it, else def.
func optSwitch(c *imapdconf.Config, key string, def bool) bool {
	if _, ok := imapdconf.Lookup(key); ok {
		return c.Switch(key)
	}
	return def
}

package auth

import (
	"slices"
	"testing"
	"time"

	"github.com/corvusmail/corvus/conf/imapdconf"
)

func TestConfigFrom(t *testing.T) {
	src := `configdirectory: /var/lib/corvus
sasl_pwcheck_method: saslauthd AuxProp
sasl_mech_list: plain scram-sha-256
allowplaintext: yes
imaps_allowplaintext: no
sasl_minimum_layer: 56
admins: cyrus  admin@example.com
virtdomains: userid
defaultdomain: Example.ORG
`
	c, diags := imapdconf.Parse([]byte(src), "imapd.conf", nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	tests := []struct {
		service string
		check   func(Config) bool
		what    string
	}{
		{"", func(g Config) bool { return slices.Equal(g.PwcheckMethods, []string{"saslauthd", "auxprop"}) }, "pwcheck methods"},
		{"", func(g Config) bool { return slices.Equal(g.MechList, []string{"PLAIN", "SCRAM-SHA-256"}) }, "mech list upper-cased"},
		{"", func(g Config) bool { return g.AllowPlaintext }, "allowplaintext"},
		{"imaps", func(g Config) bool { return !g.AllowPlaintext }, "service override"},
		{"", func(g Config) bool { return g.MinimumLayer == 56 }, "minimum layer"},
		{"", func(g Config) bool { return slices.Equal(g.Admins, []string{"cyrus", "admin@example.com"}) }, "admins"},
		{"", func(g Config) bool { return g.VirtDomains == VirtDomainsUserid && g.DefaultDomain == "example.org" }, "virtdomains"},
		{"", func(g Config) bool { return g.SaslauthdPath == DefaultSaslauthdPath }, "saslauthd path default"},
		{"", func(g Config) bool { return g.PasswdFile == "/var/lib/corvus/corvus.passwd" }, "passwd file default"},
		{"", func(g Config) bool { return g.UsernameToLower && g.FailedLoginPause == 3*time.Second }, "Cyrus defaults"},
	}
	for _, tt := range tests {
		if g := ConfigFrom(c.ForService(tt.service)); !tt.check(g) {
			t.Errorf("%s: got %+v", tt.what, g)
		}
	}
}

func TestConfigFromDefaults(t *testing.T) {
	g := ConfigFrom(imapdconf.Default())
	if !slices.Equal(g.PwcheckMethods, []string{"auxprop"}) || g.AllowPlaintext ||
		g.VirtDomains != VirtDomainsOff || len(g.MechList) != 0 {
		t.Errorf("defaults: %+v", g)
	}
}

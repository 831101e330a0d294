package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateUser(t *testing.T) {
	tests := []struct {
		user string
		ok   bool
	}{
		{"alice", true},
		{"first.last@example.com", true},
		{"jörg", true},
		{"", false},
		{strings.Repeat("a", MaxUserLen), true},
		{strings.Repeat("a", MaxUserLen+1), false},
		{"a/b", false},
		{"..", false},
		{"a..b", false},
		{"a\x00b", false},
		{"a\nb", false},
		{"a\x7fb", false},
		{"a\u0085b", false},
		{"\xff", false},
	}
	for _, tt := range tests {
		err := ValidateUser(tt.user)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrInvalidUser)) {
			t.Errorf("ValidateUser(%q) = %v, want ok=%v", tt.user, err, tt.ok)
		}
	}
}

func TestCanonical(t *testing.T) {
	off := Config{UsernameToLower: true, DefaultDomain: "example.org"}
	userid := off
	userid.VirtDomains = VirtDomainsUserid
	on := off
	on.VirtDomains = VirtDomainsOn
	keepCase := userid
	keepCase.UsernameToLower = false
	tests := []struct {
		cfg          Config
		user, server string
		want         string // "" means an error
	}{
		{off, "Alice", "", "alice"},
		{off, "bob@Example.COM", "", "bob@example.com"},
		{off, "bob@example.org", "", "bob@example.org"},
		{userid, "bob@Example.COM", "", "bob@example.com"},
		{userid, "bob@example.org", "", "bob"},
		{userid, "bob%example.com", "", "bob@example.com"},
		{userid, "bob", "mail.example.net", "bob"},
		{userid, "@example.com", "", ""},
		{userid, "bob@", "", ""},
		{userid, "a@b@c", "", ""},
		{on, "bob", "Example.NET", "bob@example.net"},
		{on, "bob", "example.org", "bob"},
		{on, "bob@x.com", "example.net", "bob@x.com"},
		{keepCase, "Bob@Example.COM", "", "Bob@example.com"},
		{off, "anonymous", "", ""},
		{off, "ANYONE", "", ""},
		{userid, "anybody@example.com", "", ""},
		{off, "../etc", "", ""},
		{off, "", "", ""},
		{on, "", "example.net", ""},
	}
	for _, tt := range tests {
		got, err := NewNames(tt.cfg).Canonical(tt.user, tt.server)
		if tt.want == "" {
			if !errors.Is(err, ErrInvalidUser) {
				t.Errorf("vd=%d Canonical(%q) = %q, %v; want ErrInvalidUser", tt.cfg.VirtDomains, tt.user, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("vd=%d Canonical(%q, %q) = %q, %v; want %q", tt.cfg.VirtDomains, tt.user, tt.server, got, err, tt.want)
		}
	}
}

func TestAdminsAndProxy(t *testing.T) {
	n := NewNames(Config{
		UsernameToLower: true, VirtDomains: VirtDomainsUserid, DefaultDomain: "example.org",
		Admins: []string{"Cyrus", "root@example.org", "boss@example.com"}, ProxyServers: []string{"frontend"},
	})
	tests := []struct {
		authn, authz string
		admin, proxy bool
	}{
		{"cyrus", "cyrus", true, true},
		{"root", "alice", true, true},
		{"boss@example.com", "x@example.com", true, true},
		{"alice", "alice", false, true},
		{"alice", "bob", false, false},
		{"frontend", "alice", false, true},
		{"boss", "alice", false, false},
	}
	for _, tt := range tests {
		if got := n.IsAdmin(tt.authn); got != tt.admin {
			t.Errorf("IsAdmin(%q) = %v", tt.authn, got)
		}
		if got := n.MayProxy(tt.authn, tt.authz); got != tt.proxy {
			t.Errorf("MayProxy(%q, %q) = %v", tt.authn, tt.authz, got)
		}
	}
}

func TestCheckRealm(t *testing.T) {
	tests := []struct {
		vd     VirtDomains
		realms []string
		authn  string
		ok     bool
	}{
		{VirtDomainsOff, nil, "alice", true},
		{VirtDomainsOff, nil, "alice@example.com", false},
		{VirtDomainsOff, []string{"Example.com"}, "alice@example.com", true},
		{VirtDomainsUserid, nil, "alice@example.com", true},
		{VirtDomainsUserid, []string{"other.com"}, "alice@example.com", false},
	}
	for _, tt := range tests {
		err := NewNames(Config{VirtDomains: tt.vd, LoginRealms: tt.realms}).CheckRealm(tt.authn)
		if (err == nil) != tt.ok {
			t.Errorf("vd=%d realms=%v CheckRealm(%q) = %v", tt.vd, tt.realms, tt.authn, err)
		}
	}
}

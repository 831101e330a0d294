package imapdconf

import (
	"testing"
	"time"
)

func TestServicePrefix(t *testing.T) {
	src := `tls_server_cert: /etc/default.pem
imaps_tls_server_cert: /etc/imaps.pem
lmtp_admins: postfix
lmtp_downcase_rcpt: no
lmtpunix_lmtp_downcase_rcpt: yes
imap_timeout: 45m
imaps_imap_hibernate_timeout: 0
`
	c, diags := parseTest(t, src)
	checkDiags(t, diags, nil)
	tests := []struct {
		service string
		key     string
		want    any
		set     bool
	}{
		{"", "tls_server_cert", "/etc/default.pem", true},
		{"imaps", "tls_server_cert", "/etc/imaps.pem", true},
		{"IMAPS", "tls_server_cert", "/etc/imaps.pem", true},
		{"imap", "tls_server_cert", "/etc/default.pem", true},
		{"", "admins", "", false},
		{"lmtp", "admins", "postfix", true},
		{"lmtpunix", "admins", "", false},
		// lmtp_downcase_rcpt is an option itself, not lmtp + downcase_rcpt.
		{"", "lmtp_downcase_rcpt", false, true},
		{"lmtp", "lmtp_downcase_rcpt", false, true},
		{"lmtpunix", "lmtp_downcase_rcpt", true, true},
		{"imap", "timeout", 45 * time.Minute, true},
		{"imaps", "timeout", 32 * time.Minute, false},
		// imapidletimeout follows timeout in the same view.
		{"imap", "imapidletimeout", 45 * time.Minute, false},
		{"", "imapidletimeout", 32 * time.Minute, false},
		{"imaps", "imap_hibernate_timeout", time.Duration(0), true},
		{"imap", "imap_hibernate_timeout", 30 * time.Second, false},
	}
	for _, tt := range tests {
		v := c.ForService(tt.service)
		var got any
		switch tt.want.(type) {
		case string:
			got = v.String(tt.key)
		case bool:
			got = v.Switch(tt.key)
		case time.Duration:
			got = v.Duration(tt.key)
		}
		if got != tt.want || v.IsSet(tt.key) != tt.set {
			t.Errorf("ForService(%q) %s = %v (set %v), want %v (set %v)", tt.service, tt.key, got, v.IsSet(tt.key), tt.want, tt.set)
		}
	}
	if c.ForService("imaps").ForService("").String("tls_server_cert") != "/etc/default.pem" {
		t.Error(`ForService("") on a view must drop the overrides`)
	}
}

func TestServicePrefixErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []wantDiag
	}{
		{name: "typed as base", src: "imaps_allowplaintext: perhaps\n", want: []wantDiag{werr(`invalid value for "imaps_allowplaintext"`, 1, 23)}},
		{name: "duplicate", src: "imaps_admins: a\nimaps_admins: b\n", want: []wantDiag{werr(`"imaps_admins" specified twice`, 2, 1)}},
		{name: "base and prefixed are different keys", src: "admins: a\nimaps_admins: b\n"},
		{name: "minimum applies", src: "imap_timeout: 1m\n", want: []wantDiag{wwarn("below the minimum", 1, 15)}},
		{name: "unknown base", src: "imaps_frobnicate: 1\n", want: []wantDiag{wwarn(`unknown option "imaps_frobnicate"`, 1, 1)}},
		{name: "service with dash is not a service", src: "im-aps_admins: x\n", want: []wantDiag{wwarn("unknown option", 1, 1)}},
		{name: "no partition per service", src: "imap_partition-x: /x\n", want: []wantDiag{wwarn("unknown option", 1, 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := parseTest(t, tt.src)
			checkDiags(t, diags, tt.want)
		})
	}
}

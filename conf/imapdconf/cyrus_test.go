package imapdconf

import (
	"strings"
	"testing"
	"time"
)

func TestCyrusKeys(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		want   []wantDiag
		detail string // substring of the first diagnostic's detail
		check  func(t *testing.T, c *Config)
	}{
		{name: "not implemented", src: "sieve_maxscripts: 9\n",
			want:   []wantDiag{wwarn(`Cyrus option "sieve_maxscripts" is not implemented by Corvus; it is ignored`, 1, 1)},
			detail: `Cyrus's default is "5"`},
		{name: "not implemented, no default", src: "sync_host: replica\n",
			want: []wantDiag{wwarn("not implemented by Corvus", 1, 1)}, detail: "no default"},
		{name: "not implemented, bad value not checked", src: "allowapop: perhaps\n",
			want: []wantDiag{wwarn("not implemented by Corvus", 1, 1)}},
		{name: "deprecated to implemented", src: "tls_cert_file: /etc/c.pem\n",
			want:   []wantDiag{wwarn(`"tls_cert_file" is deprecated since 2.5.0; use "tls_server_cert"`, 1, 1)},
			detail: "applied to tls_server_cert",
			check: func(t *testing.T, c *Config) {
				if c.String("tls_server_cert") != "/etc/c.pem" || !c.IsSet("tls_server_cert") {
					t.Errorf("tls_server_cert = %q", c.String("tls_server_cert"))
				}
			}},
		{name: "deprecated typed as replacement", src: "autocreatequota: 2048\n",
			want: []wantDiag{wwarn(`use "autocreate_quota"`, 1, 1)},
			check: func(t *testing.T, c *Config) {
				if got := c.ByteSize("autocreate_quota"); got != 2048*1024 {
					t.Errorf("autocreate_quota = %d, want 2048K", got)
				}
			}},
		{name: "deprecated value checked as replacement", src: "createonpost: sometimes\n",
			want: []wantDiag{wwarn(`use "autocreate_post"`, 1, 1), werr(`invalid value for "createonpost"`, 1, 15)}},
		{name: "deprecated and replacement both set", src: "tls_server_key: /a\ntls_key_file: /b\n",
			want: []wantDiag{wwarn("deprecated", 2, 1), werr(`"tls_server_key" specified twice (here through deprecated "tls_key_file")`, 2, 1)}},
		{name: "deprecated to unimplemented", src: "ldap_sasl_mech: PLAIN\n",
			want: []wantDiag{wwarn(`in favour of "ldap_mech", which Corvus does not implement`, 1, 1)}},
		{name: "deprecated without replacement", src: "flushseenstate: 1\n",
			want: []wantDiag{wwarn(`"flushseenstate" is deprecated since 2.5.0; ignored`, 1, 1)}},
		{name: "metapartition family", src: "metapartition-default: /meta\n",
			want: []wantDiag{wwarn(`"metapartition-default" is not implemented`, 1, 1)}, detail: "metapartition-name"},
		{name: "tiered search partition", src: "tier1searchpartition-default: /idx\n",
			want: []wantDiag{wwarn("not implemented", 1, 1)}, detail: "searchpartition-name"},
		{name: "xlist family", src: "xlist-drafts: Drafts\n",
			want: []wantDiag{wwarn("not implemented", 1, 1)}, detail: "xlist-flag"},
		{name: "quotawarn maps to quotawarnpercent", src: "quotawarn: 80\n",
			want: []wantDiag{wwarn(`use "quotawarnpercent"`, 1, 1)},
			check: func(t *testing.T, c *Config) {
				if c.Int("quotawarnpercent") != 80 {
					t.Errorf("quotawarnpercent = %d", c.Int("quotawarnpercent"))
				}
			}},
		{name: "exact Cyrus name beats service prefix", src: "lmtp_catchall_mailbox: x\n",
			want: []wantDiag{wwarn(`Cyrus option "lmtp_catchall_mailbox" is not implemented`, 1, 1)}},
		{name: "service prefix on unimplemented", src: "imaps_sieve_maxscripts: 3\n",
			want: []wantDiag{wwarn(`"imaps_sieve_maxscripts" is not implemented`, 1, 1)}},
		{name: "service prefix on deprecated", src: "imaps_tls_cert_file: /i.pem\n",
			want: []wantDiag{wwarn(`use "imaps_tls_server_cert"`, 1, 1)},
			check: func(t *testing.T, c *Config) {
				if c.ForService("imaps").String("tls_server_cert") != "/i.pem" || c.String("tls_server_cert") != "" {
					t.Error("deprecated service-prefixed key not mapped to that service only")
				}
			}},
		{name: "timeout via Cyrus hours", src: "timeout: 1h\n", check: func(t *testing.T, c *Config) {
			if c.Duration("timeout") != time.Hour {
				t.Errorf("timeout = %v", c.Duration("timeout"))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := parseTest(t, tt.src)
			checkDiags(t, diags, tt.want)
			if tt.detail != "" && !strings.Contains(diags[0].Detail, tt.detail) {
				t.Errorf("detail %q does not contain %q", diags[0].Detail, tt.detail)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestCyrusTable(t *testing.T) {
	e, ok := CyrusOption("tls_cert_file")
	if !ok || e.ReplacedBy != "tls_server_cert" || e.DeprecatedSince != "2.5.0" || e.Type != String {
		t.Errorf("tls_cert_file = %+v, %v", e, ok)
	}
	e, ok = CyrusOption("event_exclude_specialuse")
	if !ok || e.Default != `\Junk` {
		t.Errorf("event_exclude_specialuse default = %q, want C escapes undone", e.Default)
	}
	e, ok = CyrusOption("configdirectory")
	if !ok || e.Default != "" {
		t.Errorf("configdirectory default = %q, want NULL as empty", e.Default)
	}
	if e, ok := CyrusOption("virtdomains"); !ok || strings.Join(e.Values, ",") != "off,userid,on" {
		t.Errorf("virtdomains values = %v", e.Values)
	}
	if _, ok := CyrusOption("no_such_option"); ok {
		t.Error("CyrusOption found a made-up name")
	}
	if len(cyrus().list) != 578 {
		t.Errorf("loaded %d Cyrus options, want 578 (the rows of the tsv)", len(cyrus().list))
	}
	ni := NotImplemented()
	for _, e := range ni {
		if e.Name == "timeout" || e.Name == "tls_cert_file" || e.Name == includeKey {
			t.Errorf("NotImplemented lists %q", e.Name)
		}
	}
	if !containsEntry(ni, "sieve_maxscripts") || !containsEntry(ni, "ldap_sasl_mech") {
		t.Error("NotImplemented misses options Corvus ignores")
	}
}

func containsEntry(es []CyrusEntry, name string) bool {
	for _, e := range es {
		if e.Name == name {
			return true
		}
	}
	return false
}

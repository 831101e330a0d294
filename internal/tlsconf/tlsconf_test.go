package tlsconf

import (
	"crypto/tls"
	"testing"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/testcert"
)

func TestVersions(t *testing.T) {
	tests := []struct {
		in     string
		lo, hi uint16
		ok     bool
	}{
		{"tls1_2 tls1_3", tls.VersionTLS12, tls.VersionTLS13, true},
		{"tls1_0 tls1_1 tls1_2 tls1_3", tls.VersionTLS10, tls.VersionTLS13, true},
		{"TLS1_3", tls.VersionTLS13, tls.VersionTLS13, true},
		{"tls1_3 tls1_2", tls.VersionTLS12, tls.VersionTLS13, true},
		{"tls1_0 tls1_3", 0, 0, false},
		{"ssl3", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		lo, hi, err := Versions(tt.in)
		if (err == nil) != tt.ok || lo != tt.lo || hi != tt.hi {
			t.Errorf("Versions(%q) = %x, %x, %v", tt.in, lo, hi, err)
		}
	}
}

func TestServer(t *testing.T) {
	dir := t.TempDir()
	cert, key := testcert.New(t).Write(t, dir)
	tests := []struct {
		conf   string
		lo, hi uint16
		err    bool
		none   bool
	}{
		{conf: "", none: true},
		{conf: "tls_server_cert: " + cert + "\n", none: true},
		{conf: "tls_server_cert: " + cert + "\ntls_server_key: " + key + "\n", lo: tls.VersionTLS12, hi: tls.VersionTLS13},
		{conf: "tls_server_cert: " + cert + "\ntls_server_key: " + key + "\ntls_versions: tls1_0 tls1_1 tls1_2\n", lo: tls.VersionTLS10, hi: tls.VersionTLS12},
		{conf: "imaps_tls_server_cert: " + cert + "\nimaps_tls_server_key: " + key + "\n", lo: tls.VersionTLS12, hi: tls.VersionTLS13},
		{conf: "tls_server_cert: " + cert + "\ntls_server_key: " + key + "\ntls_versions: tls1_1 tls1_3\n", err: true},
		{conf: "tls_server_cert: " + key + "\ntls_server_key: " + cert + "\n", err: true},
	}
	for _, tt := range tests {
		c, diags := imapdconf.Parse([]byte("configdirectory: /x\n"+tt.conf), "imapd.conf", nil)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		got, err := Server(c.ForService("imaps"))
		switch {
		case tt.err:
			if err == nil {
				t.Errorf("%q: no error", tt.conf)
			}
		case err != nil:
			t.Errorf("%q: %v", tt.conf, err)
		case tt.none != (got == nil):
			t.Errorf("%q: config %v", tt.conf, got)
		case got != nil && (got.MinVersion != tt.lo || got.MaxVersion != tt.hi || len(got.Certificates) != 1):
			t.Errorf("%q: versions %x-%x, %d certificates", tt.conf, got.MinVersion, got.MaxVersion, len(got.Certificates))
		}
	}
}

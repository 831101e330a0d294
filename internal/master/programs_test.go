package master

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/conf/cyrusconf"
	"github.com/hashicorp/hcl/v2"
)

func TestResolveArgv(t *testing.T) {
	libexec := t.TempDir()
	for _, name := range []string{"imapd", "tool"} {
		if err := os.WriteFile(filepath.Join(libexec, name), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(libexec, "notexec"), []byte("x"), 0o644)
	conf := "/etc/corvus/imapd.conf"
	tests := []struct {
		name     string
		cmd      string
		wantArgv string // "" when skipped or failed
		wantSev  hcl.DiagnosticSeverity
		wantMsg  string
	}{
		{"relative corvus program gets -C", "imapd -U 30", libexec + "/imapd -C " + conf + " -U 30", 0, ""},
		{"own -C is kept", "tool -C /other.conf", libexec + "/tool -C /other.conf", 0, ""},
		{"absolute foreign program untouched", "/bin/sh -c true", "/bin/sh -c true", 0, ""},
		{"cyrus program corvus lacks is skipped", "pop3d -U 30", "", hcl.DiagWarning, `"pop3d"`},
		{"ctl_cyrusdb says why", "ctl_cyrusdb -r", "", hcl.DiagWarning, "recovers"},
		{"debian wrapper dropped", "/usr/sbin/cyrus imapd", libexec + "/imapd -C " + conf, 0, ""},
		{"debian wrapper with missing program", "/usr/sbin/cyrus expire -E 3", "", hcl.DiagWarning, `"expire"`},
		{"pop3d says what instead", "pop3d", "", hcl.DiagWarning, "Instead, Corvus skips the entry: Corvus serves IMAP only"},
		{"expire is not needed", "/usr/sbin/cyrus expire -E 3", "", hcl.DiagWarning, "Instead, Corvus skips the entry: duplicate-delivery records"},
		{"own program missing", "lmtpd", "", hcl.DiagWarning, "Corvus provides, but it is not installed in " + libexec},
		{"no counterpart", "fud", "", hcl.DiagWarning, "Instead, Corvus skips the entry; it has no counterpart"},
		{"unknown program is an error", "frobd", "", hcl.DiagError, "not an executable"},
		{"not executable is an error", "notexec", "", hcl.DiagError, "not an executable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &cyrusconf.Entry{Name: "x", Cmd: strings.Fields(tt.cmd)}
			argv, skip, diags := resolveArgv(e, "SERVICES", libexec, conf)
			if got := strings.Join(argv, " "); got != tt.wantArgv {
				t.Errorf("argv = %q, want %q", got, tt.wantArgv)
			}
			if tt.wantMsg == "" {
				if len(diags) != 0 || skip {
					t.Errorf("unexpected skip=%v diags %v", skip, diags)
				}
				return
			}
			if len(diags) != 1 || diags[0].Severity != tt.wantSev || !strings.Contains(diags[0].Detail, tt.wantMsg) {
				t.Fatalf("diags = %v, want one of severity %v mentioning %q", diags, tt.wantSev, tt.wantMsg)
			}
			if skip != (tt.wantSev == hcl.DiagWarning) {
				t.Errorf("skip = %v", skip)
			}
		})
	}
}

func TestSameListener(t *testing.T) {
	mk := func(listen string, proto cyrusconf.Proto) *ServiceDef {
		l, err := cyrusconf.ParseListen(listen, proto)
		if err != nil {
			t.Fatal(err)
		}
		return &ServiceDef{Service: &cyrusconf.Service{Listen: l, Proto: proto}}
	}
	tests := []struct {
		a, b *ServiceDef
		want bool
	}{
		{mk("127.0.0.1:143", "tcp"), mk("127.0.0.1:143", "tcp"), true},
		{mk("143", "tcp"), mk("imap", "tcp"), true},
		{mk("143", "tcp"), mk("143", "tcp4"), false},
		{mk("127.0.0.1:143", "tcp"), mk("127.0.0.1:993", "tcp"), false},
		{mk("/run/lmtp", "tcp"), mk("/run/lmtp", "tcp"), true},
	}
	for i, tt := range tests {
		if got := sameListener(tt.a, tt.b); got != tt.want {
			t.Errorf("%d: sameListener(%s, %s) = %v", i, tt.a.Listen, tt.b.Listen, got)
		}
	}
}

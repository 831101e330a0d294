package cyrusconf

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/conf/diagnostics"
)

// TestStockServices parses the SERVICES block of Cyrus's example.
func TestStockServices(t *testing.T) {
	cfg, diags := ParseFile(filepath.Join("testdata", "stock-services.conf"), nil)
	noErrors(t, diags)
	want := map[string]string{
		"imap": ":143", "imaps": ":993", "pop3": ":110", "sieve": ":4190", "lmtp": ":24",
		"lmtpunix": "/var/imap/socket/lmtp", "notify": "/var/imap/socket/notify", "httpd": ":8080",
	}
	if len(cfg.Services) != len(want) {
		t.Fatalf("got %d services, want %d", len(cfg.Services), len(want))
	}
	for name, addr := range want {
		s := cfg.Service(name)
		if s == nil {
			t.Errorf("service %s missing", name)
			continue
		}
		if got := s.Listen.String(); got != addr {
			t.Errorf("%s listens on %s, want %s", name, got, addr)
		}
	}
	if n := cfg.Service("notify"); n.Proto != ProtoUDP || n.Prefork != 1 || n.MaxChild != 1 {
		t.Errorf("notify = %+v", n)
	}
}

// TestDebianConf parses a Debian-style complete cyrus.conf.
func TestDebianConf(t *testing.T) {
	var srcs diagnostics.Sources
	path := filepath.Join("testdata", "debian-cyrus.conf")
	cfg, diags := ParseFile(path, &srcs)
	noErrors(t, diags)
	if _, ok := srcs.Files()[path]; !ok {
		t.Error("source not recorded")
	}
	names := func(n int, f func(int) string) string {
		var s []string
		for i := range n {
			s = append(s, f(i))
		}
		return strings.Join(s, " ")
	}
	checks := []struct{ what, got, want string }{
		{"START", names(len(cfg.Start), func(i int) string { return cfg.Start[i].Name }), "recover"},
		{"SERVICES", names(len(cfg.Services), func(i int) string { return cfg.Services[i].Name }),
			"imap imaps pop3 pop3s nntp nntps http https lmtpunix sieve notify"},
		{"EVENTS", names(len(cfg.Events), func(i int) string { return cfg.Events[i].Name }),
			"checkpoint delprune deleteprune expungeprune tlsprune squatter"},
		{"DAEMON", names(len(cfg.Daemons), func(i int) string { return cfg.Daemons[i].Name }), "idled"},
		{"recover argv", strings.Join(cfg.Start[0].Cmd, "|"), "/usr/sbin/cyrus|ctl_cyrusdb|-r"},
		{"sieve listen", cfg.Service("sieve").Listen.String(), "localhost:4190"},
		{"lmtpunix listen", cfg.Service("lmtpunix").Listen.Path, "/run/cyrus/socket/lmtp"},
		{"nntps listen", cfg.Service("nntps").Listen.String(), ":563"},
		{"delprune at", cfg.Events[1].At.String(), "04:01"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if s := cfg.Service("imap"); s.MaxChild != 100 || s.Listen.PortName != "imap" {
		t.Errorf("imap = %+v", s)
	}
}

// TestBrokenConf checks that one run reports every problem of a bad file,
// in order, and keeps the good entries.
func TestBrokenConf(t *testing.T) {
	cfg, diags := ParseFile(filepath.Join("testdata", "broken.conf"), nil)
	var got []string
	for _, d := range diags {
		got = append(got, strings.SplitN(diagnostics.Short(d), ";", 2)[0])
	}
	want := []string{
		"testdata/broken.conf:4:5: error: Bad character in name",
		"testdata/broken.conf:8:38: warning: Unknown key",
		"testdata/broken.conf:9:35: error: Invalid listen address",
		"testdata/broken.conf:10:16: error: Missing closing quote",
		"testdata/broken.conf:10:23: warning: Comment inside quotes",
		"testdata/broken.conf:11:32: error: Invalid listen address",
		"testdata/broken.conf:12:52: error: Invalid number",
		"testdata/broken.conf:13:3: error: Duplicate name",
		"testdata/broken.conf:17:45: error: Conflicting schedule",
		"testdata/broken.conf:18:39: error: Invalid at time",
		"testdata/broken.conf:19:28: error: Invalid cron expression",
		"testdata/broken.conf:22:1: error: Missing closing }",
		"testdata/broken.conf:23:26: error: Invalid switch",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(cfg.Start) != 1 || len(cfg.Services) != 1 || cfg.Service("imap") == nil || len(cfg.Events) != 0 || len(cfg.Daemons) != 0 {
		t.Errorf("kept %d start, %d services, %d events, %d daemons", len(cfg.Start), len(cfg.Services), len(cfg.Events), len(cfg.Daemons))
	}
}

// TestParseFileMissing checks a read error is a diagnostic, not a panic.
func TestParseFileMissing(t *testing.T) {
	cfg, diags := ParseFile(filepath.Join(t.TempDir(), "nope.conf"), nil)
	if cfg == nil || !diags.HasErrors() || !strings.Contains(diags[0].Summary, "Cannot read") {
		t.Errorf("got %v, %v", cfg, diags)
	}
}

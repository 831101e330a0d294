package sessadmin

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/procinfo"
	"github.com/corvusmail/corvus/internal/userdeny"
)

// Bad command lines are refused before anything is read.
func TestUsage(t *testing.T) {
	tests := []struct {
		name string
		run  func(args []string, out, errw *bytes.Buffer) int
		args []string
		want string
	}{
		{"info none", infoRun, nil, "usage: cyr_info"},
		{"info unknown", infoRun, []string{"bogus"}, "conf-lint"},
		{"info two", infoRun, []string{"proc", "conf"}, "usage"},
		{"deny none", denyRun, nil, "Usage: cyr_deny"},
		{"deny -l -a", denyRun, []string{"-l", "-a", "x"}, "Usage"},
		{"deny -l user", denyRun, []string{"-l", "x"}, "Usage"},
		{"deny two users", denyRun, []string{"x", "y"}, "Usage"},
		{"deny bad flag", denyRun, []string{"-z", "x"}, "flag provided but not defined"},
		{"kick none", kickRun, nil, "usage: cyr_kick"},
		{"telemetry none", telRun, nil, "usage: cyr_telemetry"},
		{"telemetry on no user", telRun, []string{"on"}, "usage"},
		{"telemetry list user", telRun, []string{"list", "x"}, "usage"},
		{"telemetry bad user", telRun, []string{"on", "../x"}, "invalid"},
	}
	for _, tt := range tests {
		var out, errw bytes.Buffer
		if code := tt.run(tt.args, &out, &errw); code != exitUsage || !strings.Contains(errw.String(), tt.want) {
			t.Errorf("%s: exit %d, stderr %q", tt.name, code, errw.String())
		}
	}
}

func infoRun(a []string, o, e *bytes.Buffer) int { return Info(a, o, e) }
func denyRun(a []string, o, e *bytes.Buffer) int { return Deny(a, o, e) }
func kickRun(a []string, o, e *bytes.Buffer) int { return Kick(context.Background(), a, o, e) }
func telRun(a []string, o, e *bytes.Buffer) int  { return Telemetry(a, o, e) }

func TestDenyEditAndList(t *testing.T) {
	path := userdeny.Path(t.TempDir())
	var errw bytes.Buffer
	steps := []struct {
		user string
		o    DenyOptions
	}{
		{"alice", DenyOptions{Services: "*", Message: userdeny.DefaultMessage}},
		{"bob", DenyOptions{Services: "imap,pop3", Message: "Go away now"}},
		{"alice", DenyOptions{Allow: true}},
		{"nobody", DenyOptions{Allow: true}},
	}
	for _, s := range steps {
		if err := editDenied(path, s.user, &s.o, &errw); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if code := listDenied(path, &out, &errw); code != exitOK {
		t.Fatalf("list: %d %s", code, errw.String())
	}
	want := "Username                       Service(s)           Message\n" +
		"bob                            imap,pop3            Go away now\n"
	if out.String() != want {
		t.Errorf("list:\n%q\nwant\n%q", out.String(), want)
	}
}

func TestTelemetryOnOffList(t *testing.T) {
	logDir := filepath.Join(t.TempDir(), "log")
	var out bytes.Buffer
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(telemetryOn(logDir, "alice", &out))
	must(telemetryOn(logDir, "bob", &out))
	must(telemetryOn(logDir, "carol", &out))
	must(telemetryOn(logDir, "alice", &out)) // already on
	if fi, err := os.Stat(filepath.Join(logDir, "alice")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("alice's dir: %v %v", fi, err)
	}
	os.WriteFile(filepath.Join(logDir, "bob", "imap-1"), []byte("log"), 0o600)
	os.WriteFile(filepath.Join(logDir, "carol", "imap-1"), []byte("log"), 0o600)
	must(telemetryOff(logDir, "alice", false, &out)) // empty: removed
	must(telemetryOff(logDir, "bob", false, &out))   // kept under .off
	must(telemetryOff(logDir, "carol", true, &out))  // deleted
	must(telemetryOff(logDir, "dave", false, &out))  // was not on
	kept, _ := filepath.Glob(filepath.Join(logDir, offDir, "bob-*", "imap-1"))
	if len(kept) != 1 {
		t.Errorf("bob's logs not kept: %v\n%s", kept, out.String())
	}
	must(telemetryOn(logDir, "erin", &out))
	var list bytes.Buffer
	must(telemetryList(logDir, &list))
	if list.String() != "erin\n" {
		t.Errorf("list = %q", list.String())
	}
}

func TestTargetMatches(t *testing.T) {
	live := procinfo.Proc{PID: 10, Entry: procinfo.Entry{Service: "imaps", User: "alice", State: procinfo.StateIdle}}
	held := procinfo.Proc{PID: 20, Entry: procinfo.Entry{Service: "idled", User: "alice", State: procinfo.StateHibernated}}
	tests := []struct {
		t        target
		p        procinfo.Proc
		services string
		want     bool
	}{
		{target{user: "alice"}, live, "*", true},
		{target{user: "bob"}, live, "*", false},
		{target{pid: 10}, live, "*", true},
		{target{pid: 11}, live, "*", false},
		{target{user: "alice"}, live, "imap", false},
		{target{user: "alice"}, held, "imap", true}, // held sessions ignore -s
	}
	for _, tt := range tests {
		if got := tt.t.matches(tt.p, tt.services); got != tt.want {
			t.Errorf("%v matches %+v under %q = %v", tt.t, tt.p, tt.services, got)
		}
	}
}

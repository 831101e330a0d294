package notify

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestExternal(t *testing.T) {
	tests := []struct {
		name     string
		n        Notification
		wantArgs []string
	}{
		{"with file", Notification{Class: "MAIL", Priority: "high", User: "alice", Mailbox: "INBOX",
			Options: []string{"ignored"}, Message: "hello; rm -rf /", File: "/var/spool/1."},
			[]string{"-c", "MAIL", "-p", "high", "-u", "alice", "-m", "INBOX", "-f", "/var/spool/1."}},
		{"no file, odd values", Notification{Class: "", User: "-x", Mailbox: "a b $HOME", Message: "m"},
			[]string{"-c", "", "-p", "", "-u", "-x", "-m", "a b $HOME"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, dir := fakeProgram(t, "exit 0")
			e := &External{Program: path, Timeout: 10 * time.Second}
			if err := e.Notify(context.Background(), tt.n); err != nil {
				t.Fatalf("Notify: %v", err)
			}
			argv, stdin := recorded(t, dir)
			if !reflect.DeepEqual(argv, tt.wantArgs) {
				t.Errorf("arguments = %q, want %q", argv, tt.wantArgs)
			}
			if want := tt.n.Message + "\n"; stdin != want {
				t.Errorf("stdin = %q, want %q", stdin, want)
			}
		})
	}
}

func TestExternalFails(t *testing.T) {
	failing, _ := fakeProgram(t, "echo 'cannot page' >&2; exit 3")
	hanging, hangDir := fakeProgram(t, "sleep 30 & echo $! > \"$DIR/pidfile\"; wait")
	tests := []struct {
		name    string
		e       External
		wantErr string
	}{
		{"not set", External{}, "notify_external is not set"},
		{"relative", External{Program: "notify.sh"}, "not an absolute path"},
		{"missing", External{Program: filepath.Join(t.TempDir(), "none")}, "no such file"},
		{"exit status", External{Program: failing}, "exit status 3: cannot page"},
		{"timeout", External{Program: hanging, Timeout: 200 * time.Millisecond}, "killed after 200ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			err := tt.e.Notify(context.Background(), Notification{Message: "m"})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Notify: %v, want error containing %q", err, tt.wantErr)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Notify took %s", d)
			}
		})
	}
	// The timeout killed the script's whole process group, its sleep too.
	b, err := os.ReadFile(filepath.Join(hangDir, "pidfile"))
	if err != nil {
		t.Fatalf("hanging script left no pid: %v", err)
	}
	pid := strings.TrimSpace(string(b))
	for deadline := time.Now().Add(5 * time.Second); alive(pid); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("child %s of the timed-out program still runs", pid)
		}
	}
}

// alive reports whether process pid exists and is not a zombie.
func alive(pid string) bool {
	stat, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return false
	}
	_, rest, _ := strings.Cut(string(stat), ") ")
	return !strings.HasPrefix(rest, "Z")
}

package telemetry

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// fixed is the test clock: Tue Mar  5 07:08:09 2024 UTC, Unix 1709622489.
func fixed() time.Time { return time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC) }

const fixedHeader = "---------- alice Tue Mar  5 07:08:09 2024\n"

// setup makes a config directory with telemetry on for alice.
func setup(t *testing.T) string {
	t.Helper()
	cfg := t.TempDir()
	if err := os.MkdirAll(filepath.Join(cfg, "log", "alice"), 0o700); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// readFile returns the content of path or fails the test.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestOpenNaming(t *testing.T) {
	tests := []struct{ ident, id, want string }{
		{"imap", "1234", "imap-1234"},
		{"imap", "cyrus-1234-1709622489-1", "imap-cyrus-1234-1709622489-1"},
		{"lmtp", "99", "lmtp-99"},
	}
	for _, tt := range tests {
		cfg := setup(t)
		l, err := open(cfg, "alice", tt.ident, tt.id, fixed)
		if err != nil || l == nil {
			t.Fatalf("open(%s, %s) = %v, %v", tt.ident, tt.id, l, err)
		}
		want := filepath.Join(cfg, "log", "alice", tt.want)
		if l.Path() != want {
			t.Errorf("Path() = %s; want %s", l.Path(), want)
		}
		if err := l.Close(false); err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, want); got != fixedHeader {
			t.Errorf("%s holds %q; want %q", tt.want, got, fixedHeader)
		}
	}
}

func TestID(t *testing.T) {
	pid := strconv.Itoa(os.Getpid())
	tests := []struct {
		by   bool
		sid  string
		want string
	}{
		{false, "sess-1", pid},
		{true, "sess-1", "sess-1"},
		{true, "", pid},
	}
	for _, tt := range tests {
		if got := ID(tt.by, tt.sid); got != tt.want {
			t.Errorf("ID(%v, %q) = %q; want %q", tt.by, tt.sid, got, tt.want)
		}
	}
}

func TestHeader(t *testing.T) {
	tests := []struct {
		when time.Time
		want string
	}{
		{fixed(), fixedHeader},
		{time.Date(2023, 12, 31, 23, 59, 5, 0, time.UTC), "---------- alice Sun Dec 31 23:59:05 2023\n"},
	}
	for _, tt := range tests {
		cfg := setup(t)
		l, err := open(cfg, "alice", "imap", "1", func() time.Time { return tt.when })
		if err != nil {
			t.Fatal(err)
		}
		l.Close(false)
		if got := readFile(t, l.Path()); got != tt.want {
			t.Errorf("header %q; want %q", got, tt.want)
		}
	}
}

func TestMode(t *testing.T) {
	for _, existing := range []bool{false, true} {
		cfg := setup(t)
		path := filepath.Join(cfg, "log", "alice", "imap-1")
		if existing { // left by Cyrus, which creates 0644
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			os.Chmod(path, 0o644)
		}
		l, err := open(cfg, "alice", "imap", "1", fixed)
		if err != nil {
			t.Fatal(err)
		}
		l.Close(false)
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("existing=%v: mode %v; want 0600", existing, fi.Mode().Perm())
		}
	}
}

func TestMarkers(t *testing.T) {
	cfg := setup(t)
	l, err := open(cfg, "alice", "imap", "1", fixed)
	if err != nil {
		t.Fatal(err)
	}
	l.Input([]byte("a1 NOOP\r\na2 CAPA"))
	l.Input(nil) // nothing read: no marker
	l.Output([]byte("a1 OK done\r\n"))
	l.InputMasked([]byte("BILITY\r\nx LOGIN u pw\r\n"), [][2]int{{18, 20}})
	if err := l.Close(false); err != nil {
		t.Fatal(err)
	}
	want := fixedHeader +
		"<1709622489<a1 NOOP\r\na2 CAPA" +
		">1709622489>a1 OK done\r\n" +
		"<1709622489<BILITY\r\nx LOGIN u ***\r\n"
	if got := readFile(t, l.Path()); got != want {
		t.Errorf("file:\n%q\nwant:\n%q", got, want)
	}
}

func TestDisabled(t *testing.T) {
	cfg := t.TempDir()
	os.MkdirAll(filepath.Join(cfg, "log"), 0o700)
	os.WriteFile(filepath.Join(cfg, "log", "bob"), nil, 0o600) // a file, not a directory
	notDir := filepath.Join(cfg, "log", "bob")
	tests := []struct{ cfg, user string }{
		{cfg, "alice"},                        // no log/alice/
		{cfg, "bob"},                          // log/bob is a file
		{filepath.Join(cfg, "nope"), "alice"}, // no config directory
		{notDir, "alice"},                     // path through a file
	}
	for _, tt := range tests {
		l, err := Open(tt.cfg, tt.user, "imap", "1")
		if l != nil || err != nil {
			t.Errorf("Open(%s, %s) = %v, %v; want nil, nil", tt.cfg, tt.user, l, err)
		}
		if Enabled(tt.cfg, tt.user) {
			t.Errorf("Enabled(%s, %s) = true", tt.cfg, tt.user)
		}
		// A nil *Log is usable and does nothing.
		l.Input([]byte("x"))
		l.InputMasked([]byte("x"), [][2]int{{0, 1}})
		l.Output([]byte("x"))
		if l.Path() != "" || l.Close(true) != nil {
			t.Error("nil *Log misbehaves")
		}
	}
	if on := setup(t); !Enabled(on, "alice") {
		t.Error("Enabled = false with log/alice/ present")
	}
}

func TestUnsafeNames(t *testing.T) {
	cfg := setup(t)
	os.MkdirAll(filepath.Join(cfg, "log", "a", "b"), 0o700)
	tests := []struct{ user, ident, id string }{
		{"", "imap", "1"},
		{".", "imap", "1"},
		{"..", "imap", "1"},
		{"a/b", "imap", "1"},
		{"../alice", "imap", "1"},
		{"al\x00ice", "imap", "1"},
		{"al\nice", "imap", "1"},
		{"al\x7fice", "imap", "1"},
		{"alice", "../imap", "1"},
		{"alice", "imap", "1/2"},
		{"alice", "", "1"},
		{"alice", "imap", ""},
	}
	for _, tt := range tests {
		l, err := Open(cfg, tt.user, tt.ident, tt.id)
		if l != nil || !errors.Is(err, ErrUnsafeName) {
			t.Errorf("Open(%q, %q, %q) = %v, %v; want ErrUnsafeName", tt.user, tt.ident, tt.id, l, err)
		}
		if tt.ident == "imap" && tt.id == "1" && Enabled(cfg, tt.user) {
			t.Errorf("Enabled(%q) = true", tt.user)
		}
	}
}

func TestSymlinkRefused(t *testing.T) {
	cfg := setup(t)
	target := filepath.Join(cfg, "target")
	os.WriteFile(target, []byte("keep"), 0o600)
	if err := os.Symlink(target, filepath.Join(cfg, "log", "alice", "imap-1")); err != nil {
		t.Fatal(err)
	}
	l, err := Open(cfg, "alice", "imap", "1")
	if l != nil || err == nil {
		t.Fatalf("Open through a symlink = %v, %v; want an error", l, err)
	}
	if got := readFile(t, target); got != "keep" {
		t.Errorf("symlink target changed to %q", got)
	}
}

func TestNotRegularRefused(t *testing.T) {
	cfg := setup(t)
	path := filepath.Join(cfg, "log", "alice", "imap-1")
	if err := unix.Mkfifo(path, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Open(cfg, "alice", "imap", "1"); done <- err }()
	select {
	case err := <-done:
		if err == nil {
			t.Error("Open of a FIFO succeeded")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Open of a FIFO blocked") // the goroutine leaks; the test fails anyway
	}
}

func TestReopen(t *testing.T) {
	cfg := setup(t)
	l, err := open(cfg, "alice", "imap", "1", fixed)
	if err != nil {
		t.Fatal(err)
	}
	l.Input([]byte("a1 IDLE\r\n"))
	l.Close(false)
	tests := []struct{ note, line string }{
		{"", "---------- handed over to pid 4242 Tue Mar  5 07:08:09 2024\n"},
		{"thaw", "---------- handed over to pid 4242 (thaw) Tue Mar  5 07:08:09 2024\n"},
		{"a\nb", "---------- handed over to pid 4242 (a?b) Tue Mar  5 07:08:09 2024\n"},
	}
	want := fixedHeader + "<1709622489<a1 IDLE\r\n"
	for _, tt := range tests {
		r, err := reopen(l.Path(), tt.note, 4242, fixed)
		if err != nil || r == nil {
			t.Fatalf("reopen = %v, %v", r, err)
		}
		r.Input([]byte("DONE\r\n"))
		r.Close(false)
		want += tt.line + "<1709622489<DONE\r\n"
	}
	if got := readFile(t, l.Path()); got != want {
		t.Errorf("file:\n%q\nwant:\n%q", got, want)
	}
	if err := os.RemoveAll(filepath.Dir(l.Path())); err != nil {
		t.Fatal(err)
	}
	if r, err := Reopen(l.Path(), ""); r != nil || err != nil {
		t.Errorf("Reopen after log/alice/ removed = %v, %v; want nil, nil", r, err)
	}
}

func TestReopenUnsafe(t *testing.T) {
	cfg := setup(t)
	good := filepath.Join(cfg, "log", "alice", "imap-1")
	for _, path := range []string{
		filepath.Join(cfg, "alice", "imap-1"),              // not under log/
		filepath.Join(cfg, "log", "imap-1"),                // no user directory
		cfg + "/log/alice/../alice/imap-1",                 // not clean
		filepath.Join(cfg, "log", "alice", "imap-1") + "/", // not clean
		filepath.Join(cfg, "log", "al\nice", "imap-1"),
	} {
		if r, err := Reopen(path, ""); r != nil || !errors.Is(err, ErrUnsafeName) {
			t.Errorf("Reopen(%q) = %v, %v; want ErrUnsafeName", path, r, err)
		}
	}
	r, err := Reopen(good, "")
	if err != nil || r == nil {
		t.Fatalf("Reopen(%q) = %v, %v", good, r, err)
	}
	r.Close(false)
}

func TestClose(t *testing.T) {
	cfg := setup(t)
	l, err := open(cfg, "alice", "imap", "1", fixed)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(true); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(true); err != nil {
		t.Errorf("second Close = %v", err)
	}
	l.Output([]byte("after close"))
	got := readFile(t, l.Path())
	re := regexp.MustCompile(`^` + fixedHeader + `---------- rusage utime=\d+\.\d{6} stime=\d+\.\d{6} maxrss=[1-9]\d*kB Tue Mar  5 07:08:09 2024\n$`)
	if !re.MatchString(got) {
		t.Errorf("file %q does not match %s", got, re)
	}
}

func TestWriteErrorReported(t *testing.T) {
	cfg := setup(t)
	l, err := open(cfg, "alice", "imap", "1", fixed)
	if err != nil {
		t.Fatal(err)
	}
	l.f.Close() // the next write fails
	l.Output([]byte("lost"))
	if err := l.Close(false); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("Close = %v; want the write error", err)
	}
}

// A fixed clock keeps the marker predictable above; make sure the package's
// exported Open still uses the real one.
func TestRealClock(t *testing.T) {
	cfg := setup(t)
	l, err := Open(cfg, "alice", "imap", "1")
	if err != nil {
		t.Fatal(err)
	}
	l.Close(false)
	year := fmt.Sprint(time.Now().Year())
	if got := readFile(t, l.Path()); !strings.Contains(got, year) {
		t.Errorf("header %q lacks year %s", got, year)
	}
}

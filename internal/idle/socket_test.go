package idle

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func TestBind(t *testing.T) {
	dir := sockDir(t)
	path := filepath.Join(dir, "idle")

	// A stale socket file (its process gone) is replaced.
	old, err := Bind(path, 0o660)
	if err != nil {
		t.Fatal(err)
	}
	_ = old.UnixConn.Close()
	s, err := Bind(path, 0o660)
	if err != nil {
		t.Fatalf("Bind over a stale socket: %v", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o660 {
		t.Errorf("mode %v, want a socket with 0660", fi.Mode())
	}
	if s.Path() != path {
		t.Errorf("Path() = %q", s.Path())
	}
	// Close removes the file, twice is harmless.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := os.Lstat(path); !os.IsNotExist(err) {
		t.Errorf("socket file left after Close: %v", err)
	}
}

// Anything other than a socket at the path is left alone.
func TestBindRefusesNonSocket(t *testing.T) {
	path := filepath.Join(sockDir(t), "idle")
	if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Bind(path, 0o660); err == nil || !strings.Contains(err.Error(), "not a socket") {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Bind over a regular file = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Error("the regular file was touched")
	}
}

// Close leaves alone a socket that replaced its own at the path (a new
// idled started while the old one was exiting).
func TestCloseLeavesSuccessor(t *testing.T) {
	path := filepath.Join(sockDir(t), "idle")
	old, err := Bind(path, 0o660)
	if err != nil {
		t.Fatal(err)
	}
	succ, err := Bind(path, 0o660)
	if err != nil {
		t.Fatal(err)
	}
	defer succ.Close()
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(path); err != nil {
		t.Errorf("the successor's socket was removed: %v", err)
	}
}

func TestBindMissingDir(t *testing.T) {
	path := filepath.Join(sockDir(t), "no", "such", "idle")
	if s, err := Bind(path, 0o660); err == nil {
		s.Close()
		t.Fatal("Bind in a missing directory succeeded")
	}
}

// The socket file is never more open than asked, whatever the umask: its
// mode is set before bind. (Tests of this package do not run in parallel,
// so the umask may change here.)
func TestBindUnderUmask(t *testing.T) {
	dir := sockDir(t)
	tests := []struct {
		umask      int
		mode       os.FileMode
		atBind     os.FileMode // bindUnixgram alone
		afterChmod os.FileMode // Bind
	}{
		{0, 0o600, 0o600, 0o600},     // without the early chmod: 0777
		{0, 0o660, 0o660, 0o660},     // without: 0777
		{0o022, 0o660, 0o640, 0o660}, // umask narrows, chmod restores
		{0o077, 0o660, 0o600, 0o660},
	}
	for i, tt := range tests {
		old := unix.Umask(tt.umask)
		path := filepath.Join(dir, "s"+strconv.Itoa(i))
		conn, err := bindUnixgram(path, tt.mode)
		var atBind os.FileMode
		if err == nil {
			fi, _ := os.Stat(path)
			atBind = fi.Mode().Perm()
			conn.Close()
			os.Remove(path)
		}
		s, berr := Bind(path, tt.mode)
		unix.Umask(old)
		if err != nil || berr != nil {
			t.Fatalf("umask %03o: %v, %v", tt.umask, err, berr)
		}
		fi, _ := os.Stat(path)
		s.Close()
		if atBind != tt.atBind || fi.Mode().Perm() != tt.afterChmod {
			t.Errorf("umask %03o mode %03o: %03o at bind, %03o after; want %03o, %03o",
				tt.umask, tt.mode, atBind, fi.Mode().Perm(), tt.atBind, tt.afterChmod)
		}
	}
}

package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name  string
		old   string // "" when no file exists yet
		data  string
		perm  os.FileMode
		noDir bool
	}{
		{name: "new file", data: "a\n", perm: 0o600},
		{name: "replace", old: "old content\n", data: "new\n", perm: 0o640},
		{name: "empty", old: "x", data: "", perm: 0o600},
		{name: "missing directory", data: "a", perm: 0o600, noDir: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.noDir {
				dir = filepath.Join(dir, "absent")
			}
			path := filepath.Join(dir, "f.db")
			if tt.old != "" {
				if err := os.WriteFile(path, []byte(tt.old), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := Write(path, []byte(tt.data), tt.perm)
			if tt.noDir {
				if err == nil {
					t.Fatal("Write into a missing directory succeeded")
				}
				return
			}
			if err != nil {
				t.Fatalf("Write: %v", err)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != tt.data {
				t.Fatalf("content %q (%v), want %q", got, err, tt.data)
			}
			st, _ := os.Stat(path)
			if st.Mode().Perm() != tt.perm {
				t.Errorf("mode %v, want %v", st.Mode().Perm(), tt.perm)
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".*"))
			if len(left) != 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
		})
	}
}

// TestWriteKeepsOwner: as root, a replaced file keeps its owner, so an
// admin tool run as root leaves the cyrus user's file the cyrus user's.
func TestWriteKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file away")
	}
	path := filepath.Join(t.TempDir(), "owned")
	if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 4321, 4322); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("y"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	uid, gid := ownerOf(st)
	if uid != 4321 || gid != 4322 {
		t.Fatalf("owner %d:%d, want 4321:4322", uid, gid)
	}
}

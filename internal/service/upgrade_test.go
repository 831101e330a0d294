package service_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestExecutableReplaced: installing a new program over the running one
// makes the worker serve the client it takes next, then exit.
func TestExecutableReplaced(t *testing.T) {
	m := newMaster(t, "")
	m.listenTCP()
	prog := filepath.Join(t.TempDir(), "echoworker")
	copyFile(t, echoBin, prog)
	w := m.spawn(prog, env())
	m.session(w, 1)
	m.expect(w.pid(), unavail, conn, avail)

	// Install as package managers do: new file, renamed over the old.
	copyFile(t, echoBin, prog+".new")
	if err := os.Rename(prog+".new", prog); err != nil {
		t.Fatal(err)
	}
	m.session(w, 2)
	m.expect(w.pid(), unavail, conn)
	if code := w.exited(t, wait); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	m.expectNone(100 * time.Millisecond)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o755); err != nil {
		t.Fatal(err)
	}
}

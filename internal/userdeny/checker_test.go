package userdeny

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSaveAndCheck(t *testing.T) {
	dir := t.TempDir()
	path := Path(dir)
	c := NewChecker(path)
	if _, denied := c.Check("alice", "imap"); denied {
		t.Fatal("denied without a file")
	}
	steps := []struct {
		entries map[string]Entry
		user    string
		service string
		deny    bool
	}{
		{map[string]Entry{"alice": {"alice", "*", ""}}, "alice", "imap", true},
		{map[string]Entry{"alice": {"alice", "*", ""}}, "bob", "imap", false},
		{map[string]Entry{"alice": {"alice", "pop3", "x"}}, "alice", "imap", false},
		{map[string]Entry{"bob": {"bob", "imap*", "x"}}, "bob", "imaps", true},
		{map[string]Entry{}, "bob", "imaps", false},
	}
	for i, s := range steps {
		if err := Save(path, s.entries); err != nil {
			t.Fatal(err)
		}
		if _, denied := c.Check(s.user, s.service); denied != s.deny {
			t.Errorf("step %d: Check(%q, %q) = %v", i, s.user, s.service, denied)
		}
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode: %v %v", fi, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".user_deny*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	os.Remove(path)
	if _, denied := c.Check("bob", "imap"); denied {
		t.Error("still denied after the file went")
	}
}

// A damaged record does not lift the others, and a file that turns
// unreadable keeps the last list in force.
func TestCheckerDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "user_deny.db")
	os.WriteFile(path, []byte("junk\nalice\t2\xff\x89*\xff\x89go\n"), 0o600)
	c := NewChecker(path)
	if e, denied := c.Check("alice", "imap"); !denied || e.Text() != "go" {
		t.Errorf("Check = %+v %v", e, denied)
	}
	if c.Err() == nil {
		t.Error("no error reported for the damaged line")
	}
}

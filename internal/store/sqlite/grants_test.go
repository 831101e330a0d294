package sqlite

import (
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/storetest"
)

func TestGrantIndex(t *testing.T) {
	storetest.RunGrantIndex(t, func(t *testing.T) store.Store { return newTestStore(t) })
}

// The index is shared by every process: one that builds it sees what
// another noted, and a second store on the same data does not rebuild
// over it.
func TestGrantIndexAcrossProcesses(t *testing.T) {
	part, conf := t.TempDir(), t.TempDir()
	open := func() *Store {
		s, err := Open(Options{Partition: part, ConfigDir: conf})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	ctx := t.Context()
	if _, err := a.Create(ctx, "bob"); err != nil {
		t.Fatal(err)
	}
	if err := a.NoteGrant(ctx, "bob", "alice"); err != nil {
		t.Fatal(err)
	}
	users, err := b.Grantors(ctx, []imap.RightsIdentifier{"alice"})
	if err != nil || len(users) != 1 || users[0] != "bob" {
		t.Errorf("other process: %q, %v", users, err)
	}
}

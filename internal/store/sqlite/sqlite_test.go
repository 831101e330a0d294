package sqlite

import (
	"testing"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/storetest"
)

// newTestStore opens a store on fresh temporary directories.
func newTestStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(Options{Partition: t.TempDir(), ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return newTestStore(t) })
}

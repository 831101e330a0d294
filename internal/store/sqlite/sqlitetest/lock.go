// Package sqlitetest helps the tests of code above the sqlite store: it
// plays another process working on the same account database.
package sqlitetest

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"

	_ "modernc.org/sqlite" // the driver the store itself uses
)

// HoldWriteLock takes the write lock of user's database in partition as
// another process's write transaction holds it (BEGIN IMMEDIATE on a
// connection of its own), and returns what releases it; cleanup releases
// it too. user must be a plain name (no domain): its database is found in
// Cyrus's spool layout, <partition>/<hash>/user/<user>/corvus.db.
func HoldWriteLock(t testing.TB, partition, user string) (release func()) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(partition, "*", "user", user, "corvus.db"))
	if err != nil || len(paths) != 1 {
		t.Fatalf("database of %s under %s: found %q (%v)", user, partition, paths, err)
	}
	// mode=rw: never create a database that is not there.
	db, err := sql.Open("sqlite", "file:"+paths[0]+"?mode=rw")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		conn.Close()
		db.Close()
		t.Fatalf("take the write lock of %s: %v", paths[0], err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
				t.Errorf("release the write lock of %s: %v", paths[0], err)
			}
			conn.Close()
			db.Close()
		})
	}
	t.Cleanup(release)
	return release
}

package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/corvusmail/corvus/internal/store"
	sqlitedrv "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// userTables are the tables of userSchema: a database lacking one was
// damaged (or never finished) and must be rebuilt.
var userTables = func() []string {
	var out []string
	for _, m := range regexp.MustCompile(`CREATE TABLE (\w+)`).FindAllStringSubmatch(userSchema, -1) {
		out = append(out, m[1])
	}
	return out
}()

// inspect opens the account and checks its database. It returns the open
// account when the database is usable, or nil and why it must be rebuilt.
// Failures that say nothing about the database itself (permissions, a
// lock held too long, a schema newer than this program) are errors:
// rebuilding on them would replace a good database.
func (s *Store) inspect(ctx context.Context, user string) (*account, string, error) {
	fi, err := os.Stat(filepath.Join(userDir(s.opts.Partition, user), dbName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "the database is missing", nil
	}
	if err != nil {
		return nil, "", err
	}
	if fi.Size() == 0 {
		return nil, "the database is empty (an account creation was interrupted)", nil
	}
	acct, err := s.account(ctx, user, false)
	switch {
	case errors.Is(err, store.ErrNoUser):
		return nil, "the database holds no account", nil
	case isDamage(err):
		return nil, "the database is damaged: " + err.Error(), nil
	case err != nil:
		return nil, "", err
	}
	a := acct.(*account)
	why, err := checkDatabase(ctx, a.u)
	if err != nil || why != "" {
		a.Close()
		s.forget(user)
		if isDamage(err) {
			return nil, "the database is damaged: " + err.Error(), nil
		}
		return nil, why, err
	}
	return a, "", nil
}

// checkDatabase runs SQLite's quick_check and looks for every table. It
// returns why the database must be rebuilt, or "".
func checkDatabase(ctx context.Context, u *userDB) (string, error) {
	var why string
	err := u.read(ctx, func(t *tx) error {
		var version int
		if err := t.row("PRAGMA user_version", nil, &version); err != nil {
			return err
		}
		if version > schemaVersion {
			return fmt.Errorf("schema version %d is newer than this program's %d: use the newer reconstruct", version, schemaVersion)
		}
		problems, err := column(t, "PRAGMA quick_check")
		if err != nil {
			return err
		}
		if len(problems) != 1 || problems[0] != "ok" {
			why = "SQLite's quick_check failed: " + abbreviate(strings.Join(problems, "; "))
			return nil
		}
		tables, err := column(t, "SELECT name FROM sqlite_master WHERE type = 'table'")
		if err != nil {
			return err
		}
		for _, want := range userTables {
			if !slices.Contains(tables, want) {
				why = fmt.Sprintf("the database has no table %q", want)
			}
		}
		return nil
	})
	return why, err
}

// column reads the first column of every row of q as text.
func column(t *tx, q string) ([]string, error) {
	rows, err := t.query(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// isDamage reports the errors SQLite gives for a damaged database file:
// SQLITE_CORRUPT, SQLITE_NOTADB, and a schema missing a table.
func isDamage(err error) bool {
	if err == nil {
		return false
	}
	var e *sqlitedrv.Error
	if errors.As(err, &e) {
		switch e.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return true
		}
	}
	return strings.Contains(err.Error(), "no such table")
}

// abbreviate keeps a check's output to one readable line.
func abbreviate(s string) string {
	s = strings.ReplaceAll(s, "\n", "; ")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/corvusmail/corvus/internal/store"
)

// userDB is one user's open database and directory.
type userDB struct {
	s    *Store
	user string
	dir  string
	h    *handle
	fi   os.FileInfo // of the database file when opened
	// spares are this process's empty message files made ahead
	// (spares.go).
	spares spares
}

// stillThere reports whether the database file opened is still the one at
// the account's path (DeleteUser in another process renames it away).
func (u *userDB) stillThere() bool {
	fi, err := os.Stat(filepath.Join(u.dir, dbName))
	return err == nil && os.SameFile(fi, u.fi)
}

// path returns the absolute path of a message file id.
func (u *userDB) path(fileID string) string {
	return filepath.Join(u.dir, fileRel(fileID))
}

// check makes sure the database holds a created account (an empty file
// left by a creator that crashed before committing is not one) and
// brings a database an older Corvus wrote to this schema version. The
// version is read with the account row, so that opening an account that
// is up to date takes no write lock.
func (u *userDB) check(ctx context.Context) error {
	var v int
	err := u.h.read(ctx, func(t *tx) error {
		var name string
		err := t.row("SELECT user FROM account", nil, &name)
		if errors.Is(err, sql.ErrNoRows) || err != nil && strings.Contains(err.Error(), "no such table") {
			return store.ErrNoUser
		}
		if err != nil {
			return err
		}
		v, err = userVersion(t)
		return err
	})
	if err == nil && v != schemaVersion {
		err = u.h.write(ctx, func(t *tx) error { return migrate(t, userSchema, schemaVersion, userUpgrades) })
	}
	if err != nil {
		return fmt.Errorf("open account %q: %w", u.user, err)
	}
	return nil
}

// initialise creates the schema, the account row and INBOX if missing,
// all in one transaction.
func (u *userDB) initialise(ctx context.Context) error {
	err := u.h.write(ctx, func(t *tx) error {
		if err := migrate(t, userSchema, schemaVersion, userUpgrades); err != nil {
			return err
		}
		if _, err := t.exec(`INSERT INTO account (id, user, modseq, uidvalidity, messages, size,
			quota_storage, quota_messages, events_pruned) VALUES (1, ?, 0, 0, 0, 0, -1, -1, 0)
			ON CONFLICT (id) DO NOTHING`, u.user); err != nil {
			return err
		}
		w, err := newWtx(t, u)
		if err != nil {
			return err
		}
		if _, err := w.mailboxByName(store.Inbox); !errors.Is(err, store.ErrNoMailbox) {
			return err // nil: INBOX is there already
		}
		acl := store.ACL{imapIdentifier(u.user): store.OwnerRights}
		if _, err := w.createMailbox(store.Inbox, nil, acl); err != nil {
			return err
		}
		return w.finish()
	})
	if err != nil {
		return fmt.Errorf("create account %q: %w", u.user, err)
	}
	return nil
}

// write runs fn in a write transaction of the account (see wtx) and, once
// committed, removes the message files it released.
func (u *userDB) write(ctx context.Context, fn func(*wtx) error) error {
	var w *wtx
	err := u.h.write(ctx, func(t *tx) error {
		var err error
		if w, err = newWtx(t, u); err != nil {
			return err
		}
		if err := fn(w); err != nil {
			return err
		}
		return w.finish()
	})
	if err == nil {
		w.removeReleased()
	}
	return err
}

// read runs fn in a read transaction of the account.
func (u *userDB) read(ctx context.Context, fn func(*tx) error) error {
	return u.h.read(ctx, fn)
}

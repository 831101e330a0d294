package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/corvusmail/corvus/internal/store"
)

// Duplicate implements store.Account.
func (a *account) Duplicate(ctx context.Context, key store.DuplicateKey) (bool, error) {
	var dup bool
	err := a.u.read(ctx, func(t *tx) error {
		var err error
		dup, err = isDuplicate(t, key, a.s.now().Add(-a.s.opts.DuplicateExpiry))
		return err
	})
	if err != nil {
		return false, fmt.Errorf("duplicate check: %w", err)
	}
	return dup, nil
}

// MarkDuplicate implements store.Account.
func (a *account) MarkDuplicate(ctx context.Context, key store.DuplicateKey, at time.Time) error {
	err := a.u.write(ctx, func(w *wtx) error {
		return w.markDuplicate(key, at)
	})
	if err != nil {
		return fmt.Errorf("duplicate mark: %w", err)
	}
	return nil
}

func isDuplicate(t *tx, key store.DuplicateKey, after time.Time) (bool, error) {
	var at int64
	err := t.row("SELECT time FROM duplicates WHERE id = ? AND scope = ?", []any{key.ID, key.Scope}, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil && at > after.Unix(), err
}

// markDuplicate records a key and drops the records past the expiry (an
// indexed range delete: what Cyrus leaves to cyr_expire).
func (w *wtx) markDuplicate(key store.DuplicateKey, at time.Time) error {
	if _, err := w.exec(`INSERT INTO duplicates (id, scope, time) VALUES (?, ?, ?)
		ON CONFLICT (id, scope) DO UPDATE SET time = excluded.time`, key.ID, key.Scope, at.Unix()); err != nil {
		return err
	}
	_, err := w.exec("DELETE FROM duplicates WHERE time <= ?", w.now.Add(-w.u.s.opts.DuplicateExpiry).Unix())
	return err
}

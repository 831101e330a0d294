package sqlite

import (
	"context"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
)

// Subscribe implements store.Account.
func (a *account) Subscribe(ctx context.Context, name string) error {
	return a.subscription(ctx, name, "INSERT OR IGNORE INTO subscriptions (name) VALUES (?)")
}

// Unsubscribe implements store.Account.
func (a *account) Unsubscribe(ctx context.Context, name string) error {
	return a.subscription(ctx, name, "DELETE FROM subscriptions WHERE name = ?")
}

func (a *account) subscription(ctx context.Context, name, q string) error {
	name, err := store.CanonicalMailbox(name)
	if err != nil {
		return err
	}
	err = a.u.write(ctx, func(w *wtx) error {
		_, err := w.exec(q, name)
		return err
	})
	if err != nil {
		return fmt.Errorf("subscription %q: %w", name, err)
	}
	return nil
}

// Subscriptions implements store.Account.
func (a *account) Subscriptions(ctx context.Context) ([]string, error) {
	var out []string
	err := a.u.read(ctx, func(t *tx) error {
		rows, err := t.query("SELECT name FROM subscriptions ORDER BY name")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			out = append(out, n)
		}
		return rows.Err()
	})
	return out, err
}

package sqlite

import (
	"context"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
)

// Quota implements store.Account.
func (a *account) Quota(ctx context.Context) (store.Quota, error) {
	var r acctRow
	err := a.u.read(ctx, func(t *tx) error {
		return t.row("SELECT "+acctCols+" FROM account", nil, r.fields()...)
	})
	if err != nil {
		return store.Quota{}, fmt.Errorf("quota of %q: %w", a.u.user, err)
	}
	return r.quota(), nil
}

// SetQuota implements store.Account. Negative limits mean unlimited.
func (a *account) SetQuota(ctx context.Context, l store.QuotaLimits) error {
	err := a.u.write(ctx, func(w *wtx) error {
		w.acct.quotaStorage = max(l.StorageKB, store.Unlimited)
		w.acct.quotaMessages = max(l.Messages, store.Unlimited)
		return nil
	})
	if err != nil {
		return fmt.Errorf("set quota of %q: %w", a.u.user, err)
	}
	return nil
}

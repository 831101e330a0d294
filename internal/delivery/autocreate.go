package delivery

import (
	"context"
	"errors"

	"github.com/corvusmail/corvus/internal/store"
)

// account opens t's account. For a Target that Resolve allowed to
// autocreate, a missing account is created first. Concurrent first
// deliveries are safe: store.Create succeeds for each of them, and
// setUp tolerates what the others already did.
func (d *Deliverer) account(ctx context.Context, t Target) (store.Account, error) {
	a, err := d.opt.Store.Open(ctx, t.User)
	if err == nil || !t.Autocreate || !errors.Is(err, store.ErrNoUser) {
		return a, err
	}
	if !d.mayAutocreate(t.User) { // the configuration may have changed since RCPT
		return nil, err
	}
	if a, err = d.opt.Store.Create(ctx, t.User); err != nil {
		return nil, err
	}
	d.opt.Autocreate.SetUp(ctx, a, d.mailboxName, d.opt.Log)
	return a, nil
}

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
	d.setUp(ctx, a)
	return a, nil
}

// setUp gives a newly created account what Cyrus's autocreate gives it,
// in the same order: a subscription to INBOX, the quota, then the INBOX
// folders (with subscriptions to those listed in both lists). As in
// Cyrus, a failure here is logged and does not stop the delivery: the
// account exists now, and retrying would not redo its set-up.
func (d *Deliverer) setUp(ctx context.Context, a store.Account) {
	log := d.opt.Log.With().Str("user", a.User()).Logger()
	if err := a.Subscribe(ctx, store.Inbox); err != nil {
		log.Error().Err(err).Msg("autocreate: subscribe INBOX")
	}
	if q := d.opt.Autocreate.Quota; q != nil {
		if err := a.SetQuota(ctx, *q); err != nil {
			log.Error().Err(err).Msg("autocreate: set quota")
		}
	}
	subscribe := map[string]bool{}
	for _, f := range d.opt.Autocreate.SubscribeFolders {
		subscribe[d.mailboxName(f)] = true
	}
	created := 0
	for _, f := range d.opt.Autocreate.InboxFolders {
		name := d.mailboxName(f)
		if name == "" || name == store.Inbox {
			log.Warn().Str("folder", f).Msg("autocreate: unusable folder name")
			continue
		}
		_, err := a.CreateMailbox(ctx, name, store.CreateOptions{})
		if err != nil && !errors.Is(err, store.ErrMailboxExists) {
			log.Warn().Err(err).Str("folder", name).Msg("autocreate: create folder")
			continue
		}
		created++
		if subscribe[name] {
			if err := a.Subscribe(ctx, name); err != nil {
				log.Warn().Err(err).Str("folder", name).Msg("autocreate: subscribe folder")
			}
		}
	}
	log.Info().Int("folders", created).Msg("autocreated account")
}

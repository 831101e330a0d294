package migrate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// Config is one run's setup, shared by every user.
type Config struct {
	Server        Server
	Host          string // names the source in the state file
	Store         store.Store
	State         *State
	DryRun        bool
	Progress      *Progress
	Notify        func(ctx context.Context, events []store.Event)
	BatchMessages int   // messages per FETCH and transaction
	BatchBytes    int64 // bytes per FETCH and transaction, about
}

// userSync is the migration of one user.
type userSync struct {
	cfg      *Config
	user     string
	rep      *UserReport
	src      *source
	acct     store.Account // nil in a dry run of a user Corvus does not have
	imp      store.Importer
	existing map[string]store.Status // the target's mailboxes before the run
	events   []store.Event
}

// MigrateUser copies one user and reports what it did. Errors of one
// mailbox are reported and the others still copied.
func MigrateUser(ctx context.Context, cfg *Config, cred Credential) *UserReport {
	start := time.Now()
	u := &userSync{cfg: cfg, user: cred.User, rep: &UserReport{User: cred.User}}
	if err := u.run(ctx, cred); err != nil {
		u.rep.Errorf("%v", err)
	}
	if len(u.events) > 0 && cfg.Notify != nil {
		cfg.Notify(ctx, u.events)
	}
	u.rep.Duration = time.Since(start)
	return u.rep
}

func (u *userSync) run(ctx context.Context, cred Credential) error {
	if err := store.CheckUser(cred.User); err != nil {
		return err
	}
	src, err := dial(ctx, u.cfg.Server, cred)
	if err != nil {
		return err
	}
	defer src.close()
	u.src = src
	if err := u.openTarget(ctx); err != nil {
		return err
	}
	if u.acct != nil {
		defer u.acct.Close()
	}
	ns, err := src.namespaces()
	if err != nil {
		return err
	}
	boxes, bad, err := src.mailboxes(ns)
	if err != nil {
		return err
	}
	for _, e := range bad {
		u.rep.Errorf("%v", e)
	}
	u.rep.Mailboxes = len(boxes)
	for _, box := range boxes {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := u.syncMailbox(ctx, box); err != nil {
			u.cfg.State.Forget(u.cfg.Host, u.user, box.Store)
			u.rep.Errorf("%s: %v", box.Name, err)
		}
	}
	u.noteGone(boxes)
	if err := u.syncSubscriptions(ctx, ns); err != nil {
		u.rep.Errorf("subscriptions: %v", err)
	}
	if err := u.syncQuota(ctx); err != nil {
		u.rep.Errorf("quota: %v", err)
	}
	return nil
}

// openTarget opens the user's account, creating it unless in a dry run.
func (u *userSync) openTarget(ctx context.Context) error {
	var err error
	if u.cfg.DryRun {
		u.acct, err = u.cfg.Store.Open(ctx, u.user)
		if errors.Is(err, store.ErrNoUser) {
			u.rep.Warnf("not in Corvus yet: would be created")
			u.existing = map[string]store.Status{}
			return nil
		}
	} else {
		u.acct, err = u.cfg.Store.Create(ctx, u.user)
	}
	if err != nil {
		return fmt.Errorf("open target account: %w", err)
	}
	imp, ok := u.acct.(store.Importer)
	if !ok {
		u.acct.Close()
		u.acct = nil
		return errors.New("the store cannot import (no store.Importer)")
	}
	u.imp = imp
	list, err := u.acct.List(ctx)
	if err != nil {
		return err
	}
	u.existing = make(map[string]store.Status, len(list))
	for _, m := range list {
		u.existing[m.Name] = m.Status
	}
	return nil
}

// noteGone warns of target mailboxes the source no longer has but an
// earlier run copied: they are kept, as deleting mail is the admin's
// call.
func (u *userSync) noteGone(boxes []srcMailbox) {
	for name := range u.existing {
		if _, ok := u.cfg.State.Get(u.cfg.Host, u.user, name); !ok {
			continue
		}
		if !slices.ContainsFunc(boxes, func(b srcMailbox) bool { return b.Store == name }) {
			u.rep.Warnf("%s: no longer at the source; kept in Corvus", name)
		}
	}
}

// syncSubscriptions makes the target's subscriptions the source's.
func (u *userSync) syncSubscriptions(ctx context.Context, ns Namespaces) error {
	want, err := u.src.subscriptions(ns)
	if errors.Is(err, errNoListExtended) {
		u.rep.Warnf("%v", err)
		return nil
	}
	if err != nil || u.acct == nil {
		if u.acct == nil {
			u.rep.Subs += len(want)
		}
		return err
	}
	have, err := u.acct.Subscriptions(ctx)
	if err != nil {
		return err
	}
	for _, n := range want {
		if !slices.Contains(have, n) {
			u.rep.Subs++
			if !u.cfg.DryRun {
				if err := u.acct.Subscribe(ctx, n); err != nil {
					return err
				}
			}
		}
	}
	for _, n := range have {
		if !slices.Contains(want, n) {
			u.rep.Subs++
			if !u.cfg.DryRun {
				if err := u.acct.Unsubscribe(ctx, n); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// syncQuota gives the account the limits of the source's quota root of
// INBOX (RFC 9208 GETQUOTAROOT): Cyrus's user quota root covers the
// whole account, as Corvus's does.
func (u *userSync) syncQuota(ctx context.Context) error {
	if !u.src.c.Caps().Has(imap.CapQuota) {
		return nil
	}
	roots, err := u.src.c.GetQuotaRoot("INBOX").Wait()
	if err != nil {
		return fmt.Errorf("GETQUOTAROOT INBOX: %w", err)
	}
	want := store.QuotaLimits{StorageKB: store.Unlimited, Messages: store.Unlimited}
	if len(roots) > 0 {
		if r, ok := roots[0].Resources[imap.QuotaResourceStorage]; ok {
			want.StorageKB = r.Limit
		}
		if r, ok := roots[0].Resources[imap.QuotaResourceMessage]; ok {
			want.Messages = r.Limit
		}
	}
	if u.acct == nil {
		u.rep.Quota = want.StorageKB >= 0 || want.Messages >= 0
		return nil
	}
	q, err := u.acct.Quota(ctx)
	if err != nil || q.Limits == want {
		return err
	}
	u.rep.Quota = true
	if u.cfg.DryRun {
		return nil
	}
	return u.acct.SetQuota(ctx, want)
}

package reconstruct

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/store"
)

// target is one account to reconstruct and the mailboxes to check in it
// (nil: all of them).
type target struct {
	user      string
	mailboxes []string
}

// targets resolves the arguments: every account when none are given
// (with -f also those found on disk without a database), users with -u,
// else mailbox names, each alone or with -r with the mailboxes below it.
// As Cyrus's, a mailbox named is the user's INBOX for user/alice, and -r
// on it covers the whole account. Names that cannot be resolved are
// returned as errors; the others are still worked on.
func (o *Options) targets(ctx context.Context, env *adminenv.Env, rec store.Reconstructor) ([]target, []error) {
	if len(o.Args) == 0 {
		list := env.Store.Users
		if o.ScanFS {
			list = rec.UsersOnDisk
		}
		users, err := list(ctx)
		if err != nil {
			return nil, []error{err}
		}
		out := make([]target, len(users))
		for i, u := range users {
			out[i] = target{user: u}
		}
		return out, nil
	}
	var out []target
	var errs []error
	for _, arg := range o.Args {
		t, err := o.resolve(ctx, env, arg)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", arg, err))
			continue
		}
		out = merge(out, t)
	}
	return out, errs
}

// resolve turns one argument into a target.
func (o *Options) resolve(ctx context.Context, env *adminenv.Env, arg string) (target, error) {
	if o.Users {
		return target{user: arg}, store.CheckUser(arg)
	}
	user, mailbox, err := env.Names.Parse(arg)
	if err != nil {
		return target{}, err
	}
	if o.Recursive && mailbox == store.Inbox {
		return target{user: user}, nil
	}
	acct, err := env.Store.Open(ctx, user)
	if err != nil {
		return target{user: user}, nil // unusable: the whole account is rebuilt anyway
	}
	defer acct.Close()
	list, err := acct.List(ctx)
	if err != nil {
		return target{user: user}, nil
	}
	t := target{user: user, mailboxes: []string{}}
	for _, m := range list {
		if m.Name == mailbox || o.Recursive && store.IsInferior(m.Name, mailbox) {
			t.mailboxes = append(t.mailboxes, m.Name)
		}
	}
	if len(t.mailboxes) == 0 && mailbox != store.Inbox {
		return t, errors.New("no such mailbox")
	}
	if !slices.Contains(t.mailboxes, mailbox) {
		t.mailboxes = append(t.mailboxes, mailbox) // INBOX, which reconstruct recreates
	}
	return t, nil
}

// merge adds t to the list, joining it with an earlier target of the same
// user (nil mailboxes, the whole account, absorbs the rest).
func merge(list []target, t target) []target {
	for i := range list {
		if list[i].user != t.user {
			continue
		}
		switch {
		case list[i].mailboxes == nil:
		case t.mailboxes == nil:
			list[i].mailboxes = nil
		default:
			for _, m := range t.mailboxes {
				if !slices.Contains(list[i].mailboxes, m) {
					list[i].mailboxes = append(list[i].mailboxes, m)
				}
			}
		}
		return list
	}
	return append(list, t)
}

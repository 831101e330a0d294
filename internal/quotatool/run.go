package quotatool

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/store"
)

// Run reports (and with -f first fixes) the quota of the accounts o
// selects and returns the exit status.
func Run(ctx context.Context, env *adminenv.Env, o *Options, stdout, stderr io.Writer) int {
	users, err := o.users(ctx, env)
	if err != nil {
		fmt.Fprintf(stderr, "quota: %v\n", err)
		return adminenv.ExitFailure
	}
	rc := adminenv.ExitOK
	if o.Fix {
		rc = fix(ctx, env, users, stdout, stderr)
		if o.Quiet {
			return rc
		}
	}
	var roots []root
	for _, u := range users {
		q, err := quotaOf(ctx, env.Store, u)
		if err != nil {
			fmt.Fprintf(stderr, "quota: %s: %v\n", u, err)
			rc = adminenv.ExitFailure
			continue
		}
		if hasRoot(q) {
			roots = append(roots, root{name: env.Names.External(u, store.Inbox), quota: q})
		}
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i].name < roots[j].name })
	if o.JSON {
		if err := writeJSON(stdout, roots); err != nil {
			return adminenv.ExitFailure
		}
		return rc
	}
	writeText(stdout, roots)
	return rc
}

// users selects the accounts: all of them, of one domain with -d, those
// whose root name starts with one of the arguments, or (-u) the users
// named.
func (o *Options) users(ctx context.Context, env *adminenv.Env) ([]string, error) {
	if o.Users {
		for _, u := range o.Args {
			if err := store.CheckUser(u); err != nil {
				return nil, err
			}
		}
		return o.Args, nil
	}
	all, err := env.Store.Users(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, u := range all {
		_, domain, _ := strings.Cut(u, "@")
		if o.Domain != "" && !strings.EqualFold(domain, o.Domain) {
			continue
		}
		if len(o.Args) == 0 || hasPrefix(env.Names.External(u, store.Inbox), o.Args) {
			out = append(out, u)
		}
	}
	return out, nil
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func quotaOf(ctx context.Context, st store.Store, user string) (store.Quota, error) {
	a, err := st.Open(ctx, user)
	if err != nil {
		return store.Quota{}, err
	}
	defer a.Close()
	return a.Quota(ctx)
}

// fix recomputes each account's usage and prints what changed, as
// Cyrus's quota -f: "<root>: <resource> usage was <old>, now <new>".
func fix(ctx context.Context, env *adminenv.Env, users []string, stdout, stderr io.Writer) int {
	rec, ok := env.Store.(store.Reconstructor)
	if !ok {
		fmt.Fprintln(stderr, "quota: this store cannot recompute usage")
		return adminenv.ExitFailure
	}
	rc := adminenv.ExitOK
	for _, u := range users {
		f, err := rec.FixQuota(ctx, u, false)
		if err != nil {
			fmt.Fprintf(stderr, "quota: %s: %v\n", u, err)
			rc = adminenv.ExitFailure
			continue
		}
		name := env.Names.External(u, store.Inbox)
		if f.Old.StorageBytes != f.New.StorageBytes {
			fmt.Fprintf(stdout, "%s: STORAGE usage was %d, now %d\n", name, f.Old.StorageBytes, f.New.StorageBytes)
		}
		if f.Old.Messages != f.New.Messages {
			fmt.Fprintf(stdout, "%s: MESSAGE usage was %d, now %d\n", name, f.Old.Messages, f.New.Messages)
		}
	}
	return rc
}

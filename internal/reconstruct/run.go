package reconstruct

import (
	"context"
	"fmt"
	"io"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/store"
)

// Run reconstructs what o names and prints the report; it returns the
// exit status. Events of the changes go to idled, as imapd's do.
func Run(ctx context.Context, env *adminenv.Env, o *Options, stdout, stderr io.Writer) int {
	rec, ok := env.Store.(store.Reconstructor)
	if !ok {
		fmt.Fprintln(stderr, "reconstruct: this store cannot be reconstructed")
		return adminenv.ExitConfig
	}
	if rc := o.checkPartition(env, stderr); rc != adminenv.ExitOK {
		return rc
	}
	rc := adminenv.ExitOK
	targets, errs := o.targets(ctx, env, rec)
	for _, err := range errs {
		fmt.Fprintf(stderr, "reconstruct: %v\n", err)
		rc = adminenv.ExitFailure
	}
	if o.DryRun && !o.Quiet {
		fmt.Fprintln(stdout, "dry run (-n): nothing is changed; this is what would be fixed")
	}
	for _, t := range targets {
		if !o.Quiet {
			fmt.Fprintln(stdout, env.Names.External(t.user, store.Inbox))
		}
		rep, err := rec.Reconstruct(ctx, t.user, o.storeOptions(t))
		printReport(stdout, env.Names, rep)
		if err != nil {
			fmt.Fprintf(stderr, "reconstruct: %s: %v\n", env.Names.External(t.user, store.Inbox), err)
			rc = adminenv.ExitFailure
		}
		if !o.DryRun {
			env.Notify(ctx, rep.Events, !o.Quiet, stderr)
		}
	}
	return rc
}

// checkPartition accepts -p only for partition-default: Corvus keeps
// every account there.
func (o *Options) checkPartition(env *adminenv.Env, stderr io.Writer) int {
	if o.Partition == "" {
		return adminenv.ExitOK
	}
	if dir, ok := env.Config.Partition(o.Partition); ok && dir == env.Partition {
		return adminenv.ExitOK
	}
	fmt.Fprintf(stderr, "reconstruct: -p %s: Corvus keeps every account on partition-default (%s)\n", o.Partition, env.Partition)
	return adminenv.ExitUsage
}

// storeOptions maps the flags to the store's options for one target.
func (o *Options) storeOptions(t target) store.ReconstructOptions {
	grace, _ := o.grace()
	opts := store.ReconstructOptions{
		Mailboxes: t.mailboxes, DryRun: o.DryRun, NoSalvage: o.NoSalvage, SkipStat: o.SkipStat,
		Verify: o.Verify || o.Renumber || o.RemoveCorrupt, RenumberCorrupt: o.Renumber, RemoveCorrupt: o.RemoveCorrupt,
		Grace: grace, Describe: Describe,
	}
	switch {
	case o.IgnoreOdd:
		opts.OddFiles = store.OddIgnore
	case o.RemoveOdd:
		opts.OddFiles = store.OddRemove
	}
	return opts
}

// printReport prints one line per fix: the admin name of the mailbox (or
// the account), the kind, the UID and file concerned, what was done.
func printReport(w io.Writer, names adminenv.Names, rep store.ReconstructReport) {
	for _, f := range rep.Fixes {
		box := f.Mailbox
		if box == "" {
			box = store.Inbox
		}
		line := names.External(rep.User, box) + ": " + f.Kind.String() + ": "
		if f.UID != 0 {
			line += fmt.Sprintf("UID %d: ", f.UID)
		}
		if f.File != "" {
			line += f.File + ": "
		}
		fmt.Fprintln(w, line+f.Detail)
	}
}

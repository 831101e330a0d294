package ipurge

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/store"
)

// purger is one run of ipurge.
type purger struct {
	env    *adminenv.Env
	o      *Options
	rule   rule
	now    time.Time
	out    io.Writer
	errOut io.Writer
}

// Run purges the mailboxes o selects and returns the exit status. As
// Cyrus's ipurge, it leaves users' mailboxes alone without -f; Corvus has
// no others, so without -f there is nothing to do.
func Run(ctx context.Context, env *adminenv.Env, o *Options, stdout, stderr io.Writer) int {
	if !o.Force {
		fmt.Fprintln(stderr, "ipurge: Corvus has no shared mailboxes, and users' mailboxes are purged only with -f (as in Cyrus): nothing done")
		return adminenv.ExitOK
	}
	patterns := o.Args
	if len(patterns) == 0 {
		patterns = []string{"*"}
	}
	p := &purger{env: env, o: o, rule: ruleFrom(o), now: time.Now(), out: stdout, errOut: stderr}
	users, err := env.Store.Users(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "ipurge: %v\n", err)
		return adminenv.ExitFailure
	}
	rc := adminenv.ExitOK
	for _, u := range users {
		if err := p.user(ctx, u, patterns); err != nil {
			fmt.Fprintf(stderr, "ipurge: %s: %v\n", env.Names.External(u, store.Inbox), err)
			rc = adminenv.ExitFailure
		}
	}
	return rc
}

// user purges the mailboxes of one account that the patterns select.
func (p *purger) user(ctx context.Context, user string, patterns []string) error {
	acct, err := p.env.Store.Open(ctx, user)
	if err != nil {
		return err
	}
	defer acct.Close()
	list, err := acct.List(ctx)
	if err != nil {
		return err
	}
	for _, m := range list {
		if !p.selected(user, m.Name, patterns) {
			continue
		}
		if err := p.mailbox(ctx, acct, user, m.Name); err != nil {
			return fmt.Errorf("%s: %w", p.env.Names.External(user, m.Name), err)
		}
	}
	return nil
}

// selected reports whether a pattern matches the mailbox or, unless -M,
// a mailbox above it (user/alice is above all of alice's folders in the
// admin namespace), as Cyrus's ipurge works on the mailboxes below those
// matched.
func (p *purger) selected(user, mailbox string, patterns []string) bool {
	for name := mailbox; ; name = store.Parent(name) {
		if name == "" {
			name = store.Inbox
		}
		ext := p.env.Names.External(user, name)
		for _, pat := range patterns {
			if p.env.Names.Match(pat, ext) {
				return true
			}
		}
		if p.o.NoRecurse || name == store.Inbox {
			return false
		}
	}
}

// mailbox purges one mailbox: the messages the rule selects are flagged
// \Deleted and expunged (UID EXPUNGE of just those, so that messages a
// user marked \Deleted are left to the user), then idled is told.
func (p *purger) mailbox(ctx context.Context, acct store.Account, user, name string) error {
	mb, err := acct.Mailbox(ctx, name)
	if err != nil {
		return err
	}
	msgs, err := mb.Fetch(ctx, imap.UIDSet{{Start: 1, Stop: 0}}, store.FetchOptions{Summary: !p.o.Delivery})
	if err != nil {
		return err
	}
	var set imap.UIDSet
	var n int
	var bytes int64
	for _, m := range msgs {
		if p.rule.matches(m, p.now) {
			set.AddNum(m.UID)
			n, bytes = n+1, bytes+m.Size
			if p.o.Verbose {
				fmt.Fprintf(p.out, "  UID %d: %d bytes, %s\n", m.UID, m.Size, p.rule.date(m).Format(time.RFC1123Z))
			}
		}
	}
	ext := p.env.Names.External(user, name)
	if n == 0 {
		if p.o.Verbose {
			fmt.Fprintf(p.out, "%s: nothing to delete of %d messages\n", ext, len(msgs))
		}
		return nil
	}
	if p.o.DryRun {
		fmt.Fprintf(p.out, "%s: would delete %d of %d messages (%d bytes)\n", ext, n, len(msgs), bytes)
		return nil
	}
	return p.expunge(ctx, mb, user, ext, set, fmt.Sprintf("of %d messages (%d bytes)", len(msgs), bytes))
}

// expunge deletes the messages of set and tells idled.
func (p *purger) expunge(ctx context.Context, mb store.Mailbox, user, ext string, set imap.UIDSet, of string) error {
	req := store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}}
	if _, err := mb.StoreFlags(ctx, set, req); err != nil {
		return err
	}
	gone, err := mb.Expunge(ctx, &set)
	if err != nil {
		return err
	}
	fmt.Fprintf(p.out, "%s: deleted %d %s\n", ext, len(gone), of)
	modseq, err := mb.HighestModSeq(ctx)
	if err != nil {
		modseq = 0 // idled takes 0 as "changed, modseq unknown"
	}
	ev := store.Event{User: user, MailboxID: mb.ID(), Kind: store.EventExpunge, ModSeq: modseq}
	p.env.Notify(ctx, []store.Event{ev}, p.o.Verbose, p.errOut)
	return nil
}

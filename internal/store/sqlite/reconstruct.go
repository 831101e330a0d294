package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"golang.org/x/sys/unix"
)

var _ store.Reconstructor = (*Store)(nil)

// errDryRun rolls back a transaction of a dry run once it has computed
// its fixes.
var errDryRun = errors.New("dry run")

// recon is one Reconstruct of one account: the options, where the account
// lives, the database worked on (the live one, or a new one being built)
// and the report.
type recon struct {
	s      *Store
	user   string
	dir    string
	opts   store.ReconstructOptions
	start  time.Time
	cutoff time.Time // files without metadata modified before this are added
	u      *userDB
	rep    store.ReconstructReport

	building bool // working on a new database no other process sees

	salvaged          []string // mailboxes kept from a damaged database
	salvageIncomplete bool     // some of its tables could not be read to the end
}

// Reconstruct implements store.Reconstructor. A usable database is
// repaired in place, in short transactions; a missing or unusable one is
// rebuilt beside it from what can be salvaged of it and the message files,
// and swapped in at the end (see rebuild).
func (s *Store) Reconstruct(ctx context.Context, user string, opts store.ReconstructOptions) (store.ReconstructReport, error) {
	if err := store.CheckUser(user); err != nil {
		return store.ReconstructReport{}, err
	}
	r := &recon{s: s, user: user, dir: userDir(s.opts.Partition, user), opts: opts, start: s.now()}
	r.rep.User = user
	r.cutoff = r.start.Add(-r.grace())
	if fi, err := os.Stat(r.dir); err != nil || !fi.IsDir() {
		return r.rep, fmt.Errorf("reconstruct %q: %w", user, store.ErrNoUser)
	}
	unlock, err := lockDir(r.dir)
	if err != nil {
		return r.rep, fmt.Errorf("reconstruct %q: %w", user, err)
	}
	defer unlock()
	err = r.run(ctx)
	if err != nil {
		err = fmt.Errorf("reconstruct %q: %w", user, err)
	}
	return r.rep, err
}

// run checks the database and repairs or rebuilds it.
func (r *recon) run(ctx context.Context) error {
	a, why, err := r.s.inspect(ctx, r.user)
	if err != nil {
		return err
	}
	if a == nil {
		return r.rebuild(ctx, why)
	}
	defer a.Close()
	r.u = a.u
	return r.repair(ctx)
}

// repair runs the in-place checks on a usable database, each in its own
// short transactions so that a live system is never held up for long.
func (r *recon) repair(ctx context.Context) error {
	steps := []func(context.Context) error{r.fixFloors, r.fixMissing, r.fixLostRows, r.adoptOrphans, r.verify, r.fixCounters}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// inScope reports whether the per-mailbox checks cover name.
func (r *recon) inScope(name string) bool {
	return r.opts.Mailboxes == nil || slices.Contains(r.opts.Mailboxes, name)
}

// fix records one fix in the report.
func (r *recon) fix(f store.Fix) { r.rep.Fixes = append(r.rep.Fixes, f) }

// write runs fn in a write transaction of the database being worked on.
// The fixes fn records are kept only if it commits (or, in a dry run,
// once it has run to the end, and then it is rolled back); the events it
// recorded go to the report.
func (r *recon) write(ctx context.Context, fn func(w *wtx) error) error {
	n := len(r.rep.Fixes)
	var events []store.Event
	err := r.u.write(ctx, func(w *wtx) error {
		r.rep.Fixes = r.rep.Fixes[:n]
		if err := fn(w); err != nil {
			return err
		}
		events = slices.Clone(w.events)
		if r.opts.DryRun && !r.building {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	if err != nil {
		r.rep.Fixes = r.rep.Fixes[:n]
		return err
	}
	r.rep.Events = append(r.rep.Events, events...)
	return nil
}

// lockDir takes an exclusive lock on the user's directory for the whole
// reconstruct, so that two reconstructs of one user do not interleave
// (the store's own writers never take it).
func lockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, errors.New("another reconstruct of this user is running")
		}
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	return func() { f.Close() }, nil
}

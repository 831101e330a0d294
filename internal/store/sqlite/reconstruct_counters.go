package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
)

// counts are a mailbox's counters as the message rows give them.
type counts struct{ messages, unseen, deleted, size int64 }

// actualCounts computes every mailbox's counters from its message rows.
func actualCounts(w *wtx) (map[int64]counts, error) {
	rows, err := w.query(`SELECT mailbox, count(*), sum(flags & 1 = 0), sum(flags & 8 != 0), sum(size)
		FROM messages GROUP BY mailbox`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]counts)
	for rows.Next() {
		var id int64
		var c counts
		if err := rows.Scan(&id, &c.messages, &c.unseen, &c.deleted, &c.size); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// fixCounters recomputes every mailbox's counters (messages, unseen,
// \Deleted, size) and the account's quota usage from the message rows and
// corrects and reports what disagrees. As Cyrus's reconstruct repairs a
// mailbox's index header, this covers all mailboxes: counters are derived
// data, and quota usage needs them all.
func (r *recon) fixCounters(ctx context.Context) error {
	return r.write(ctx, func(w *wtx) error {
		actual, err := actualCounts(w)
		if err != nil {
			return err
		}
		ids, err := w.mailboxIDs()
		if err != nil {
			return err
		}
		var total counts
		for _, id := range ids {
			m, err := w.mailbox(id)
			if err != nil {
				return err
			}
			c := actual[id]
			total.messages, total.size = total.messages+c.messages, total.size+c.size
			was := counts{m.messages, m.unseen, m.deleted, m.size}
			if was != c {
				r.fix(store.Fix{Kind: store.FixCounters, Mailbox: m.name, Detail: fmt.Sprintf(
					"counters were %d messages, %d unseen, %d deleted, %d bytes; now %d, %d, %d, %d",
					was.messages, was.unseen, was.deleted, was.size, c.messages, c.unseen, c.deleted, c.size)})
				m.messages, m.unseen, m.deleted, m.size = c.messages, c.unseen, c.deleted, c.size
			}
		}
		if w.acct.messages != total.messages || w.acct.size != total.size {
			r.fix(store.Fix{Kind: store.FixCounters, Detail: fmt.Sprintf("quota usage was %d messages, %d bytes; now %d, %d",
				w.acct.messages, w.acct.size, total.messages, total.size)})
			w.acct.messages, w.acct.size = total.messages, total.size
		}
		return nil
	})
}

// FixQuota implements store.Reconstructor: one transaction that sums the
// account's message rows (every copy counts, as in Cyrus) and, unless
// dryRun, stores the sums as the quota usage.
func (s *Store) FixQuota(ctx context.Context, user string, dryRun bool) (store.QuotaFix, error) {
	acct, err := s.Open(ctx, user)
	if err != nil {
		return store.QuotaFix{}, err
	}
	defer acct.Close()
	a := acct.(*account)
	var fix store.QuotaFix
	err = a.u.write(ctx, func(w *wtx) error {
		fix.Old = w.acct.quota()
		if err := w.row("SELECT count(*), coalesce(sum(size), 0) FROM messages", nil, &w.acct.messages, &w.acct.size); err != nil {
			return err
		}
		fix.New = w.acct.quota()
		if dryRun || !fix.Changed() {
			return errDryRun // nothing to write
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return fix, fmt.Errorf("fix quota of %q: %w", user, err)
	}
	return fix, nil
}

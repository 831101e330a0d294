package sqlite

import (
	"context"
)

// recount recomputes every mailbox's counters and the account's usage from
// the message rows, fixes what disagrees, and prunes old change events.
// It returns how many mailboxes needed fixing.
func (a *account) recount(ctx context.Context) (int, error) {
	fixed := 0
	err := a.u.write(ctx, func(w *wtx) error {
		fixed = 0
		type counts struct{ messages, unseen, deleted, size int64 }
		rows, err := w.query(`SELECT mailbox, count(*), sum(flags & 1 = 0), sum(flags & 8 != 0), sum(size)
			FROM messages GROUP BY mailbox`)
		if err != nil {
			return err
		}
		actual := make(map[int64]counts)
		for rows.Next() {
			var id int64
			var c counts
			if err := rows.Scan(&id, &c.messages, &c.unseen, &c.deleted, &c.size); err != nil {
				rows.Close()
				return err
			}
			actual[id] = c
		}
		rows.Close()
		if err := rows.Err(); err != nil {
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
			total.messages += c.messages
			total.size += c.size
			if m.messages != c.messages || m.unseen != c.unseen || m.deleted != c.deleted || m.size != c.size {
				m.messages, m.unseen, m.deleted, m.size = c.messages, c.unseen, c.deleted, c.size
				fixed++
			}
		}
		w.acct.messages, w.acct.size = total.messages, total.size
		return w.pruneEvents()
	})
	return fixed, err
}

// mailboxIDs lists every mailbox's row id.
func (w *wtx) mailboxIDs() ([]int64, error) {
	rows, err := w.query("SELECT id FROM mailboxes")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// pruneEvents drops change events older than eventRetention and records
// how far the log was cut, for ErrChangesPruned.
func (w *wtx) pruneEvents() error {
	cutoff := w.now.Add(-eventRetention).Unix()
	var last *int64
	if err := w.row("SELECT max(modseq) FROM events WHERE time < ?", []any{cutoff}, &last); err != nil || last == nil {
		return err
	}
	if _, err := w.exec("DELETE FROM events WHERE modseq <= ?", *last); err != nil {
		return err
	}
	w.acct.eventsPruned = uint64(*last)
	return nil
}

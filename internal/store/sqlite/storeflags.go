package sqlite

import (
	"context"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// StoreFlags implements store.Mailbox: one read of the affected rows, one
// UPDATE per changed message, each changed message a new modseq (RFC 7162
// §3.1.1); messages whose flags would not change keep their modseq.
func (mb *mailbox) StoreFlags(ctx context.Context, uids imap.UIDSet, req store.StoreRequest) (store.StoreResult, error) {
	var res store.StoreResult
	err := mb.u.write(ctx, func(w *wtx) error {
		res = store.StoreResult{}
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		bits, kw, err := w.canonicalFlags(req.Flags)
		if err != nil {
			return err
		}
		rows, err := w.flagRows(m, uids)
		if err != nil {
			return err
		}
		for _, c := range rows {
			// RFC 7162 §3.1.3: a message modified after UNCHANGEDSINCE fails.
			if req.Conditional && c.modseq > req.UnchangedSince {
				res.Failed = append(res.Failed, c.uid)
				continue
			}
			next := c.state.apply(req.Op, bits, kw)
			if next.equal(c.state) {
				res.Unchanged = append(res.Unchanged, store.MessageFlags{UID: c.uid, ModSeq: c.modseq,
					Flags: flagList(c.state.bits, c.state.keywordString())})
				continue
			}
			mf, err := w.setFlags(m, c.uid, c.state, next)
			if err != nil {
				return err
			}
			res.Updated = append(res.Updated, mf)
		}
		return nil
	})
	if err != nil {
		return store.StoreResult{}, mb.wrap("store flags", err)
	}
	return res, nil
}

// flagRow is a message's flags as STORE reads them.
type flagRow struct {
	uid    imap.UID
	modseq uint64
	state  flagState
}

// flagRows reads the flags of the messages of m in uids.
func (w *wtx) flagRows(m *mboxRow, uids imap.UIDSet) ([]flagRow, error) {
	ranges, err := resolveUIDs(w.tx, m.id, uids)
	if err != nil {
		return nil, err
	}
	var rows []flagRow
	err = forRanges(w.tx, `SELECT uid, modseq, flags, keywords FROM messages
		WHERE mailbox = ? AND uid BETWEEN ? AND ? ORDER BY uid`, nil, m.id, ranges,
		func(r rowScanner) error {
			var c flagRow
			var b int64
			var k string
			if err := r.Scan(&c.uid, &c.modseq, &b, &k); err != nil {
				return err
			}
			if store.InRanges(ranges, c.uid) {
				c.state = parseState(b, k)
				rows = append(rows, c)
			}
			return nil
		})
	return rows, err
}

// setFlags writes a message's new flags with a new modseq and keeps the
// mailbox's unseen and deleted counters.
func (w *wtx) setFlags(m *mboxRow, uid imap.UID, old, next flagState) (store.MessageFlags, error) {
	modseq := w.nextModSeq()
	kw := next.keywordString()
	if _, err := w.exec("UPDATE messages SET modseq = ?, flags = ?, keywords = ? WHERE mailbox = ? AND uid = ?",
		modseq, next.bits, kw, m.id, uint32(uid)); err != nil {
		return store.MessageFlags{}, err
	}
	m.unseen += bitDelta(old.bits, next.bits, flagSeen) * -1
	m.deleted += bitDelta(old.bits, next.bits, flagDeleted)
	m.highestmodseq = modseq
	w.record(m, store.EventFlags, modseq)
	return store.MessageFlags{UID: uid, ModSeq: modseq, Flags: flagList(next.bits, kw)}, nil
}

// bitDelta is +1 if bit was set by the change, -1 if cleared, else 0.
func bitDelta(old, next, bit int64) int64 {
	switch {
	case old&bit == 0 && next&bit != 0:
		return 1
	case old&bit != 0 && next&bit == 0:
		return -1
	}
	return 0
}

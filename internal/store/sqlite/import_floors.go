package sqlite

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// ExpungeUIDs implements store.ImportTarget: Expunge without the
// \Deleted condition, the same tombstones and file removal.
func (mb *mailbox) ExpungeUIDs(ctx context.Context, uids []imap.UID) ([]imap.UID, error) {
	if len(uids) == 0 {
		return nil, nil
	}
	var set imap.UIDSet
	for _, u := range uids {
		if u != 0 {
			set.AddNum(u)
		}
	}
	var out []imap.UID
	err := mb.u.write(ctx, func(w *wtx) error {
		out = nil
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		rows, err := w.selectRows(m, set, false)
		if err != nil {
			return err
		}
		for _, r := range rows {
			out = append(out, r.uid)
		}
		return w.removeMessages(m, rows)
	})
	if err != nil {
		return nil, mb.wrap("expunge uids", err)
	}
	return out, nil
}

// RaiseUIDNext implements store.ImportTarget. Nothing changes for a
// client but the next APPENDUID, so no event is recorded.
func (mb *mailbox) RaiseUIDNext(ctx context.Context, uid imap.UID) error {
	err := mb.u.write(ctx, func(w *wtx) error {
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		m.uidnext = max(m.uidnext, int64(uid))
		return nil
	})
	return mb.wrap("raise uidnext", err)
}

// RaiseModSeq implements store.ImportTarget. The mailbox's HIGHESTMODSEQ
// may then exceed every message's modseq, which RFC 7162 §3.1.1 allows;
// later changes get modseqs above it, as the account counter is raised
// too.
func (mb *mailbox) RaiseModSeq(ctx context.Context, modseq uint64) error {
	err := mb.u.write(ctx, func(w *wtx) error {
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		w.acct.modseq = max(w.acct.modseq, modseq)
		m.highestmodseq = max(m.highestmodseq, modseq)
		return nil
	})
	return mb.wrap("raise modseq", err)
}

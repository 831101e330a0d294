package sqlite

import (
	"context"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// Copy implements store.Mailbox.
func (mb *mailbox) Copy(ctx context.Context, uids imap.UIDSet, dest store.Mailbox, opts store.AppendOptions) (store.CopyResult, error) {
	return mb.copyOrMove(ctx, uids, dest, opts, false)
}

// Move implements store.Mailbox.
func (mb *mailbox) Move(ctx context.Context, uids imap.UIDSet, dest store.Mailbox, opts store.AppendOptions) (store.CopyResult, error) {
	return mb.copyOrMove(ctx, uids, dest, opts, true)
}

func (mb *mailbox) copyOrMove(ctx context.Context, uids imap.UIDSet, dest store.Mailbox, opts store.AppendOptions, move bool) (store.CopyResult, error) {
	d, ok := dest.(*mailbox)
	if !ok || d.u.s != mb.u.s {
		return store.CopyResult{}, fmt.Errorf("copy: destination is not a mailbox of this store")
	}
	op := map[bool]string{false: "copy", true: "move"}[move]
	if d.u != mb.u {
		res, err := mb.copyAcross(ctx, uids, d, opts, move)
		return res, mb.wrap(op, err)
	}
	var res store.CopyResult
	err := mb.u.write(ctx, func(w *wtx) error {
		src, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		dst, err := w.mailbox(d.id)
		if err != nil {
			return err
		}
		policy := opts.Quota
		if move {
			policy = store.QuotaIgnore // usage does not change
		}
		res, err = w.transfer(src, dst, uids, move, policy)
		return err
	})
	if err != nil {
		return store.CopyResult{}, mb.wrap(op, err)
	}
	return res, nil
}

// copyRow is a message row being copied.
type copyRow struct {
	oldRow
	keywords string
	internal int64
	zone     int
}

// transfer copies (or moves) messages between two mailboxes of the same
// account: new rows pointing to the same contents, so no file is touched
// and the GUID is kept. Flags and internal date are kept (RFC 9051
// §6.4.7); the save date is now (RFC 8514 §4).
func (w *wtx) transfer(src, dst *mboxRow, set imap.UIDSet, move bool, policy store.QuotaPolicy) (store.CopyResult, error) {
	res := store.CopyResult{UIDValidity: dst.uidvalidity}
	rows, err := w.copyRows(src, set)
	if err != nil {
		return res, err
	}
	var total int64
	for _, r := range rows {
		total += r.size
	}
	if err := w.checkQuota(policy, int64(len(rows)), total); err != nil {
		return res, err
	}
	zones := zoneCache{}
	olds := make([]oldRow, 0, len(rows))
	for _, r := range rows {
		uid, err := w.addMessage(dst, newRow{content: r.content, size: r.size, bits: r.bits,
			keywords: r.keywords, internal: zones.at(r.internal, r.zone)})
		if err != nil {
			return res, err
		}
		res.Source = append(res.Source, r.uid)
		res.Dest = append(res.Dest, uid)
		olds = append(olds, r.oldRow)
	}
	if move {
		return res, w.removeMessages(src, olds)
	}
	return res, nil
}

// copyRows reads the rows of src in set.
func (w *wtx) copyRows(src *mboxRow, set imap.UIDSet) ([]copyRow, error) {
	ranges, err := resolveUIDs(w.tx, src.id, set)
	if err != nil {
		return nil, err
	}
	var rows []copyRow
	err = forRanges(w.tx, `SELECT uid, flags, size, content, keywords, internaldate, internalzone
		FROM messages WHERE mailbox = ? AND uid BETWEEN ? AND ? ORDER BY uid`, nil, src.id, ranges,
		func(r rowScanner) error {
			var c copyRow
			if err := r.Scan(&c.uid, &c.bits, &c.size, &c.content, &c.keywords, &c.internal, &c.zone); err != nil {
				return err
			}
			if store.InRanges(ranges, c.uid) {
				rows = append(rows, c)
			}
			return nil
		})
	return rows, err
}

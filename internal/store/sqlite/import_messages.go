package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// ImportMessages implements store.ImportTarget with AppendMany's order of
// writes (files, their directories, then one transaction), so that an
// interrupted import leaves whole messages or nothing.
func (mb *mailbox) ImportMessages(ctx context.Context, items []store.ImportItem, opts store.AppendOptions) error {
	for i, it := range items {
		if _, err := store.CanonicalFlags(it.Message.Flags); err != nil {
			return mb.wrap("import", err)
		}
		if it.UID == 0 || i > 0 && it.UID <= items[i-1].UID {
			return mb.wrap("import", fmt.Errorf("UID %d: %w", it.UID, store.ErrUIDOrder))
		}
	}
	files := make([]spooled, 0, len(items))
	for _, it := range items {
		sp, err := writeFile(mb.u.dir, it.Body)
		if err != nil {
			removeSpooled(files)
			return mb.wrap("import", err)
		}
		files = append(files, sp)
	}
	if err := syncDirs(files); err != nil {
		removeSpooled(files)
		return mb.wrap("import", err)
	}
	err := mb.u.write(ctx, func(w *wtx) error { return w.importMessages(mb.id, items, files, opts) })
	if err != nil {
		if !errors.Is(err, errCommitUnknown) {
			removeSpooled(files)
		}
		return mb.wrap("import", err)
	}
	return nil
}

// importMessages records spooled files under their given UIDs.
func (w *wtx) importMessages(id int64, items []store.ImportItem, files []spooled, opts store.AppendOptions) error {
	m, err := w.mailbox(id)
	if err != nil {
		return err
	}
	if err := w.checkSpooledQuota(opts.Quota, files); err != nil {
		return err
	}
	for i := range items {
		uid := int64(items[i].UID)
		if uid < m.uidnext {
			return fmt.Errorf("UID %d, UIDNEXT %d: %w", uid, m.uidnext, store.ErrUIDOrder)
		}
		m.uidnext = uid // addMessage hands out UIDNEXT
		if _, err := w.appendOne(m, files[i], &items[i].Message); err != nil {
			return err
		}
	}
	return nil
}

// ReplaceFlags implements store.ImportTarget.
func (mb *mailbox) ReplaceFlags(ctx context.Context, msgs []store.MessageFlags) (int, error) {
	var n int
	err := mb.u.write(ctx, func(w *wtx) error {
		n = 0
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		want := make(map[imap.UID][]imap.Flag, len(msgs))
		var set imap.UIDSet
		for _, mf := range msgs {
			want[mf.UID] = mf.Flags
			set.AddNum(mf.UID)
		}
		rows, err := w.flagRows(m, set)
		if err != nil {
			return err
		}
		for _, c := range rows {
			bits, kw, err := w.canonicalFlags(want[c.uid])
			if err != nil {
				return fmt.Errorf("UID %d: %w", c.uid, err)
			}
			next := flagState{bits: bits, keywords: kw}
			if next.equal(c.state) {
				continue
			}
			if _, err := w.setFlags(m, c.uid, c.state, next); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, mb.wrap("replace flags", err)
	}
	return n, nil
}

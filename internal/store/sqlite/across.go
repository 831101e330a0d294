package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"strings"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// acrossRow is a message being copied to another account.
type acrossRow struct {
	uid       imap.UID
	bits      int64
	keywords  string
	internal  int64
	zone      int
	size      int64
	file      string
	guid      string
	sent      int64
	summary   []byte
	structure []byte
}

// copyAcross copies (or moves) messages to a mailbox of another account
// (a shared folder): the files are hard-linked into the other user's
// directory, then the rows inserted there in one transaction. A move then
// expunges the originals; between the two commits a crash leaves both
// copies, never none.
func (mb *mailbox) copyAcross(ctx context.Context, uids imap.UIDSet, d *mailbox, opts store.AppendOptions, move bool) (store.CopyResult, error) {
	rows, err := mb.acrossRows(ctx, uids)
	if err != nil {
		return store.CopyResult{}, err
	}
	var files []spooled
	var kept []acrossRow
	for _, r := range rows {
		sp, err := linkFile(mb.u.path(r.file), d.u.dir, r.size, r.guid)
		if errors.Is(err, fs.ErrNotExist) {
			continue // expunged meanwhile
		}
		if err != nil {
			removeSpooled(files)
			return store.CopyResult{}, err
		}
		files, kept = append(files, sp), append(kept, r)
	}
	if err := syncDirs(files); err != nil {
		removeSpooled(files)
		return store.CopyResult{}, err
	}
	res, err := d.insertAcross(ctx, kept, files, opts)
	if err != nil {
		if !errors.Is(err, errCommitUnknown) {
			removeSpooled(files)
		}
		return store.CopyResult{}, err
	}
	if move && len(res.Source) > 0 {
		set := imap.UIDSetNum(res.Source...)
		err = mb.u.write(ctx, func(w *wtx) error {
			m, err := w.mailbox(mb.id)
			if err != nil {
				return err
			}
			olds, err := w.selectRows(m, set, false)
			if err != nil {
				return err
			}
			return w.removeMessages(m, olds)
		})
	}
	return res, err
}

// acrossRows reads everything needed to recreate the messages elsewhere.
func (mb *mailbox) acrossRows(ctx context.Context, uids imap.UIDSet) ([]acrossRow, error) {
	var rows []acrossRow
	err := mb.u.read(ctx, func(t *tx) error {
		if _, err := loadMailbox(t, mb.id); err != nil {
			return err
		}
		ranges, err := resolveUIDs(t, mb.id, uids)
		if err != nil {
			return err
		}
		q := `SELECT m.uid, m.flags, m.keywords, m.internaldate, m.internalzone, m.size, c.file, c.guid,
			c.sentdate, c.summary, c.structure FROM messages m JOIN contents c ON c.id = m.content
			WHERE m.mailbox = ? AND m.uid BETWEEN ? AND ? ORDER BY m.uid`
		return forRanges(t, q, nil, mb.id, ranges, func(r rowScanner) error {
			var a acrossRow
			if err := r.Scan(&a.uid, &a.bits, &a.keywords, &a.internal, &a.zone, &a.size, &a.file,
				&a.guid, &a.sent, &a.summary, &a.structure); err != nil {
				return err
			}
			if store.InRanges(ranges, a.uid) {
				rows = append(rows, a)
			}
			return nil
		})
	})
	return rows, err
}

// insertAcross records linked files as new messages of d.
func (d *mailbox) insertAcross(ctx context.Context, rows []acrossRow, files []spooled, opts store.AppendOptions) (store.CopyResult, error) {
	var res store.CopyResult
	err := d.u.write(ctx, func(w *wtx) error {
		m, err := w.mailbox(d.id)
		if err != nil {
			return err
		}
		res = store.CopyResult{UIDValidity: m.uidvalidity}
		var total int64
		for _, r := range rows {
			total += r.size
		}
		if err := w.checkQuota(opts.Quota, int64(len(rows)), total); err != nil {
			return err
		}
		zones := zoneCache{}
		for i, r := range rows {
			kw, err := w.respell(r.keywords)
			if err != nil {
				return err
			}
			cid, err := w.addContentRaw(files[i], r.summary, r.structure, r.sent)
			if err != nil {
				return err
			}
			uid, err := w.addMessage(m, newRow{content: cid, size: r.size, bits: r.bits, keywords: kw,
				internal: zones.at(r.internal, r.zone)})
			if err != nil {
				return err
			}
			res.Source, res.Dest = append(res.Source, r.uid), append(res.Dest, uid)
		}
		return nil
	})
	return res, err
}

// respell maps another account's keywords to this account's spellings.
func (w *wtx) respell(keywords string) (string, error) {
	if keywords == "" {
		return "", nil
	}
	var kw []string
	for _, k := range strings.Split(keywords, " ") {
		n, err := w.keyword(imap.Flag(k))
		if err != nil {
			return "", err
		}
		kw = append(kw, n)
	}
	return strings.Join(sortKeywords(kw), " "), nil
}

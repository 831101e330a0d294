package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// messageFile is where one message's bytes are.
type messageFile struct {
	uid  imap.UID
	file string
	size int64
}

// EachContent implements store.ContentWalker: one query for every file
// name, then the files are opened outside the read transaction, so a long
// body search holds no snapshot. A file an expunge unlinked since is the
// message being gone, as in Open.
func (mb *mailbox) EachContent(ctx context.Context, uids []imap.UID, fn func(uid imap.UID, c store.Content) error) error {
	if len(uids) == 0 {
		return nil
	}
	files, err := mb.contentFiles(ctx, uids)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		fh, err := os.Open(mb.u.path(f.file))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return mb.wrap("open", fmt.Errorf("UID %d: %w", f.uid, err))
		}
		err = fn(f.uid, content{f: fh, size: f.size})
		fh.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// contentFiles looks up the files of uids (ascending) with one query over
// their span.
func (mb *mailbox) contentFiles(ctx context.Context, uids []imap.UID) ([]messageFile, error) {
	want := make(map[imap.UID]bool, len(uids))
	for _, u := range uids {
		want[u] = true
	}
	var out []messageFile
	err := mb.u.read(ctx, func(t *tx) error {
		if _, err := loadMailbox(t, mb.id); err != nil {
			return err
		}
		rows, err := t.query(`SELECT m.uid, c.file, c.size FROM messages m JOIN contents c ON c.id = m.content
			WHERE m.mailbox = ? AND m.uid BETWEEN ? AND ? ORDER BY m.uid`, mb.id, uint32(uids[0]), uint32(uids[len(uids)-1]))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f messageFile
			if err := rows.Scan(&f.uid, &f.file, &f.size); err != nil {
				return err
			}
			if want[f.uid] {
				out = append(out, f)
			}
		}
		return rows.Err()
	})
	return out, mb.wrap("content files", err)
}

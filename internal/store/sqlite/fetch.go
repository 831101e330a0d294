package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// fetchQuery builds the Fetch query: one statement per combination of
// options, each prepared once per connection. The last three parameters
// are mailbox, low UID, high UID (forRanges).
func fetchQuery(opts store.FetchOptions) string {
	q := `SELECT m.uid, m.modseq, m.flags, m.keywords, m.internaldate, m.internalzone,
		m.savedate, m.size, c.guid`
	if opts.Structure {
		q += ", c.structure"
	}
	if opts.Summary {
		q += ", c.summary"
	}
	q += " FROM messages m JOIN contents c ON c.id = m.content WHERE "
	if opts.ChangedSince > 0 {
		q += "m.modseq > ? AND "
	}
	return q + "m.mailbox = ? AND m.uid BETWEEN ? AND ? ORDER BY m.uid"
}

// Fetch implements store.Mailbox: one query per UID range (or one for the
// whole span of a fragmented set), never one per message.
func (mb *mailbox) Fetch(ctx context.Context, uids imap.UIDSet, opts store.FetchOptions) ([]store.Message, error) {
	var out []store.Message
	err := mb.u.read(ctx, func(t *tx) error {
		if _, err := loadMailbox(t, mb.id); err != nil {
			return err
		}
		ranges, err := resolveUIDs(t, mb.id, uids)
		if err != nil {
			return err
		}
		var args []any
		if opts.ChangedSince > 0 {
			args = append(args, opts.ChangedSince)
		}
		zones := zoneCache{}
		return forRanges(t, fetchQuery(opts), args, mb.id, ranges, func(rows rowScanner) error {
			msg, err := scanMessage(rows, opts, zones)
			if err != nil {
				return err
			}
			if store.InRanges(ranges, msg.UID) {
				out = append(out, msg)
			}
			return nil
		})
	})
	return out, mb.wrap("fetch", err)
}

// zoneCache shares one *time.Location per UTC offset.
type zoneCache map[int]*time.Location

func (z zoneCache) at(unix int64, offset int) time.Time {
	loc, ok := z[offset]
	if !ok {
		loc = time.FixedZone("", offset)
		z[offset] = loc
	}
	return time.Unix(unix, 0).In(loc)
}

func scanMessage(rows rowScanner, opts store.FetchOptions, zones zoneCache) (store.Message, error) {
	var msg store.Message
	var uid uint32
	var bits, internal, save int64
	var zone int
	var kw string
	var structure, summary []byte
	dest := []any{&uid, &msg.ModSeq, &bits, &kw, &internal, &zone, &save, &msg.Size, &msg.GUID}
	if opts.Structure {
		dest = append(dest, &structure)
	}
	if opts.Summary {
		dest = append(dest, &summary)
	}
	if err := rows.Scan(dest...); err != nil {
		return msg, err
	}
	msg.UID = imap.UID(uid)
	msg.Flags = flagList(bits, kw)
	msg.InternalDate = zones.at(internal, zone)
	msg.SaveDate = time.Unix(save, 0).UTC()
	msg.Structure = structure
	if opts.Summary {
		msg.Summary = new(store.Summary)
		if err := json.Unmarshal(summary, msg.Summary); err != nil {
			return msg, fmt.Errorf("summary of UID %d: %w", uid, err)
		}
	}
	return msg, nil
}

// content is an open message file.
type content struct {
	f    *os.File
	size int64
}

// ReadAt implements store.Content.
func (c content) ReadAt(p []byte, off int64) (int, error) { return c.f.ReadAt(p, off) }

// Close implements store.Content.
func (c content) Close() error { return c.f.Close() }

// Size implements store.Content.
func (c content) Size() int64 { return c.size }

// File implements store.FileContent.
func (c content) File() *os.File { return c.f }

// Open implements store.Mailbox. The file is opened inside the read
// snapshot; an expunge committed meanwhile may already have unlinked it,
// which is the same as the message being gone.
func (mb *mailbox) Open(ctx context.Context, uid imap.UID) (store.Content, error) {
	var c content
	err := mb.u.read(ctx, func(t *tx) error {
		if _, err := loadMailbox(t, mb.id); err != nil {
			return err
		}
		var file string
		err := t.row(`SELECT c.file, c.size FROM messages m JOIN contents c ON c.id = m.content
			WHERE m.mailbox = ? AND m.uid = ?`, []any{mb.id, uint32(uid)}, &file, &c.size)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("UID %d: %w", uid, store.ErrNoMessage)
		}
		if err != nil {
			return err
		}
		c.f, err = os.Open(mb.u.path(file))
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("UID %d: %w", uid, store.ErrNoMessage)
		}
		return err
	})
	if err != nil {
		return nil, mb.wrap("open", err)
	}
	return c, nil
}

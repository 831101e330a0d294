package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/corvusmail/corvus/internal/store"
)

// metadataOwner is the userid column of an entry: the user for /private
// entries, ” for /shared ones.
func metadataOwner(name, user string) string {
	if store.IsPrivateMetadata(name) {
		return user
	}
	return ""
}

// canonicalEntries validates the names of entries to set.
func canonicalEntries(entries []store.MetadataEntry) ([]store.MetadataEntry, error) {
	out := make([]store.MetadataEntry, len(entries))
	for i, e := range entries {
		n, err := store.CanonicalMetadataEntry(e.Name)
		if err != nil {
			return nil, err
		}
		out[i] = store.MetadataEntry{Name: n, Value: e.Value}
	}
	return out, nil
}

// readEntries scans (entry, value) rows.
func readEntries(t *tx, q string, args ...any) ([]store.MetadataEntry, error) {
	rows, err := t.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.MetadataEntry
	for rows.Next() {
		var e store.MetadataEntry
		if err := rows.Scan(&e.Name, &e.Value); err != nil {
			return nil, err
		}
		if e.Value == nil {
			e.Value = []byte{}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Metadata implements store.Mailbox.
func (mb *mailbox) Metadata(ctx context.Context, user string) ([]store.MetadataEntry, error) {
	var out []store.MetadataEntry
	err := mb.u.read(ctx, func(t *tx) error {
		if _, err := loadMailbox(t, mb.id); err != nil {
			return err
		}
		var err error
		out, err = readEntries(t, `SELECT entry, value FROM annotations
			WHERE mailbox = ? AND (userid = '' OR userid = ?) ORDER BY entry`, mb.id, user)
		return err
	})
	return out, mb.wrap("metadata", err)
}

// SetMetadata implements store.Mailbox.
func (mb *mailbox) SetMetadata(ctx context.Context, user string, entries []store.MetadataEntry) error {
	entries, err := canonicalEntries(entries)
	if err != nil {
		return err
	}
	err = mb.u.write(ctx, func(w *wtx) error {
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		for _, e := range entries {
			owner := metadataOwner(e.Name, user)
			if e.Value == nil {
				_, err = w.exec("DELETE FROM annotations WHERE mailbox = ? AND entry = ? AND userid = ?", m.id, e.Name, owner)
			} else {
				_, err = w.exec(`INSERT INTO annotations (mailbox, entry, userid, value) VALUES (?, ?, ?, ?)
					ON CONFLICT (mailbox, entry, userid) DO UPDATE SET value = excluded.value`, m.id, e.Name, owner, e.Value)
			}
			if err != nil {
				return err
			}
		}
		w.record(m, store.EventMailboxUpdate, w.nextModSeq())
		return nil
	})
	return mb.wrap("set metadata", err)
}

// MetadataFacts implements store.FactsReader. The last update is the
// time of the mailbox's newest event (every change records one); the
// search starts at its highest modseq, so it reads a row or a few.
func (mb *mailbox) MetadataFacts(ctx context.Context) (store.MailboxFacts, error) {
	var f store.MailboxFacts
	err := mb.u.read(ctx, func(t *tx) error {
		m, err := loadMailbox(t, mb.id)
		if err != nil {
			return err
		}
		var at int64
		err = t.row(`SELECT time FROM events WHERE modseq <= ? AND mailbox = ? ORDER BY modseq DESC LIMIT 1`,
			[]any{m.highestmodseq, m.objectid}, &at)
		switch {
		case err == nil:
			f.LastUpdate = time.Unix(at, 0)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		return t.row(`SELECT coalesce(sum(length(value)), 0) FROM annotations WHERE mailbox = ?`, []any{m.id}, &f.AnnotationBytes)
	})
	return f, mb.wrap("metadata facts", err)
}

package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// mboxRow is one row of the mailboxes table.
type mboxRow struct {
	id            int64
	objectid      string
	name          string
	uidvalidity   uint32
	uidnext       int64 // int64: may reach 2^32, the "full" state
	highestmodseq uint64
	createdmodseq uint64
	recentuid     int64
	specialuse    string
	messages      int64
	unseen        int64
	deleted       int64
	size          int64

	gone bool // deleted in this transaction
}

const mboxCols = `id, objectid, name, uidvalidity, uidnext, highestmodseq, createdmodseq,
	recentuid, specialuse, messages, unseen, deleted, size`

func (m *mboxRow) fields() []any {
	return []any{&m.id, &m.objectid, &m.name, &m.uidvalidity, &m.uidnext, &m.highestmodseq,
		&m.createdmodseq, &m.recentuid, &m.specialuse, &m.messages, &m.unseen, &m.deleted, &m.size}
}

// loadMailbox reads one mailbox by id or (byName) by name; ErrNoMailbox if
// absent.
func loadMailbox(t *tx, key any) (*mboxRow, error) {
	q := "SELECT " + mboxCols + " FROM mailboxes WHERE id = ?"
	if _, byName := key.(string); byName {
		q = "SELECT " + mboxCols + " FROM mailboxes WHERE name = ?"
	}
	m := new(mboxRow)
	err := t.row(q, []any{key}, m.fields()...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("mailbox %v: %w", key, store.ErrNoMailbox)
	}
	if err != nil {
		return nil, fmt.Errorf("mailbox %v: %w", key, err)
	}
	return m, nil
}

// loadMailboxByObjectID reads one mailbox by its MAILBOXID.
func loadMailboxByObjectID(t *tx, objectid string) (*mboxRow, error) {
	m := new(mboxRow)
	err := t.row("SELECT "+mboxCols+" FROM mailboxes WHERE objectid = ?", []any{objectid}, m.fields()...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("mailbox id %q: %w", objectid, store.ErrNoMailbox)
	}
	return m, err
}

// status converts the row; recent is counted separately.
func (m *mboxRow) status(recent int64) store.Status {
	return store.Status{
		ID:            m.objectid,
		Name:          m.name,
		UIDValidity:   m.uidvalidity,
		UIDNext:       imap.UID(min(m.uidnext, 1<<32-1)),
		HighestModSeq: m.highestmodseq,
		CreatedModSeq: m.createdmodseq,
		Messages:      uint32(m.messages),
		Unseen:        uint32(m.unseen),
		Deleted:       uint32(m.deleted),
		Recent:        uint32(recent),
		Size:          m.size,
		SpecialUse:    parseSpecialUse(m.specialuse),
	}
}

// recentCount counts the messages above the recent mark.
func recentCount(t *tx, m *mboxRow) (int64, error) {
	var n int64
	err := t.row("SELECT count(*) FROM messages WHERE mailbox = ? AND uid > ?", []any{m.id, m.recentuid}, &n)
	return n, err
}

func parseSpecialUse(s string) []imap.MailboxAttr {
	if s == "" {
		return nil
	}
	f := strings.Fields(s)
	out := make([]imap.MailboxAttr, len(f))
	for i, a := range f {
		out[i] = imap.MailboxAttr(a)
	}
	return out
}

func formatSpecialUse(attrs []imap.MailboxAttr) string {
	s := make([]string, len(attrs))
	for i, a := range attrs {
		s[i] = string(a)
	}
	return strings.Join(s, " ")
}

// highestUID is the highest UID present in a mailbox (0 if empty): what
// "*" stands for.
func highestUID(t *tx, mailbox int64) (imap.UID, error) {
	var u sql.NullInt64
	err := t.row("SELECT max(uid) FROM messages WHERE mailbox = ?", []any{mailbox}, &u)
	return imap.UID(u.Int64), err
}

// resolveUIDs resolves a UID set against the mailbox, reading the highest
// UID only when the set contains "*".
func resolveUIDs(t *tx, mailbox int64, set imap.UIDSet) ([]imap.UIDRange, error) {
	var hi imap.UID
	if set.Dynamic() && !imap.IsSearchRes(set) {
		var err error
		if hi, err = highestUID(t, mailbox); err != nil {
			return nil, err
		}
	}
	return store.ResolveUIDs(set, hi)
}

// spanQueries are how many ranges are queried one by one before a single
// query over their span (filtered in Go) is cheaper, unless they are
// sparse.
const spanQueries = 4

// rowScanner is what forRanges hands its callback.
type rowScanner interface{ Scan(...any) error }

// sparse reports whether ranges cover so little of their span that a
// query per range beats reading every row of the span: a query costs
// about as much as reading a dozen rows (measured with modernc's SQLite),
// and a SEARCH's few hundred hits in a 100 000-message mailbox would
// otherwise read all of it.
func sparse(ranges []imap.UIDRange) bool {
	span := int64(ranges[len(ranges)-1].Stop) - int64(ranges[0].Start) + 1
	return int64(len(ranges))*16 < span
}

// forRanges runs q (whose last three parameters are mailbox, low UID, high
// UID) over the ranges and calls fn for each row; fn must filter with
// store.InRanges when the ranges were coalesced into one span.
func forRanges(t *tx, q string, args []any, mailbox int64, ranges []imap.UIDRange, fn func(rowScanner) error) error {
	if len(ranges) == 0 {
		return nil
	}
	spans := ranges
	if len(ranges) > spanQueries && !sparse(ranges) {
		spans = []imap.UIDRange{{Start: ranges[0].Start, Stop: ranges[len(ranges)-1].Stop}}
	}
	for _, r := range spans {
		a := append(append(make([]any, 0, len(args)+3), args...), mailbox, uint32(r.Start), uint32(r.Stop))
		rows, err := t.query(q, a...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := fn(rows); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// addContent records a message file written by writeFile or linkFile.
func (w *wtx) addContent(sp spooled, sum *store.Summary, structure []byte, internal time.Time) (int64, error) {
	summary, err := json.Marshal(sum)
	if err != nil {
		return 0, fmt.Errorf("encode summary: %w", err)
	}
	sent := sum.Date
	if sent.IsZero() {
		sent = internal // RFC 5256 §2.2: no usable Date header, use the internal date
	}
	return w.addContentRaw(sp, summary, structure, sent.Unix())
}

// addContentRaw inserts a contents row. It checks, under the write lock,
// that the file is still there: Sweep removes unreferenced files older
// than its grace under the same lock, so a row can never point to a file
// Sweep took.
func (w *wtx) addContentRaw(sp spooled, summary, structure []byte, sent int64) (int64, error) {
	if _, err := os.Stat(sp.path); err != nil {
		return 0, fmt.Errorf("message file vanished before commit: %w", err)
	}
	res, err := w.exec(`INSERT INTO contents (file, guid, size, sentdate, summary, structure)
		VALUES (?, ?, ?, ?, ?, ?)`, sp.id, sp.guid, sp.size, sent, summary, structure)
	if err != nil {
		return 0, fmt.Errorf("insert content: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	return id, w.addSortKeys(id, summary)
}

// addSortKeys inserts content id's sortkeys row from its summary.
func (w *wtx) addSortKeys(id int64, summary []byte) error {
	if _, err := w.exec(`INSERT OR REPLACE INTO sortkeys (content, subject, frommailbox) SELECT ?, `+
		sortKeysOf("s.summary")+` FROM (SELECT ? AS summary) s`, id, summary); err != nil {
		return fmt.Errorf("insert sort keys: %w", err)
	}
	return nil
}

// sentDateOf is the SQL for a new messages row's sentdate, with two
// parameters: the content id and the internal date, which stands in
// when the contents row is missing (as the schema upgrade does).
const sentDateOf = "COALESCE((SELECT sentdate FROM contents WHERE id = ?), ?)"

// newRow is a message row to insert.
type newRow struct {
	content  int64
	size     int64
	bits     int64
	keywords string
	internal time.Time
}

// addMessage inserts a message into m with the next UID and modseq.
func (w *wtx) addMessage(m *mboxRow, r newRow) (imap.UID, error) {
	if m.uidnext > 1<<32-1 {
		return 0, fmt.Errorf("mailbox %q: %w", m.name, store.ErrMailboxFull)
	}
	uid := m.uidnext
	m.uidnext++
	modseq := w.nextModSeq()
	m.highestmodseq = modseq
	_, off := r.internal.Zone()
	if _, err := w.exec(`INSERT INTO messages (mailbox, uid, modseq, flags, keywords, internaldate,
		internalzone, savedate, size, content, sentdate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, `+sentDateOf+`)`,
		m.id, uid, modseq, r.bits, r.keywords, r.internal.Unix(), off, w.now.Unix(), r.size, r.content, r.content, r.internal.Unix()); err != nil {
		return 0, fmt.Errorf("insert message: %w", err)
	}
	w.count(m, 1, r.bits, r.size)
	w.record(m, store.EventAppend, modseq)
	return imap.UID(uid), nil
}

// oldRow is a message row about to be removed.
type oldRow struct {
	uid     imap.UID
	bits    int64
	size    int64
	content int64
}

// removeMessages expunges rows of m, leaving a tombstone (uid, modseq) for
// each so that QRESYNC can report them VANISHED (RFC 7162 §3.2.10).
func (w *wtx) removeMessages(m *mboxRow, rows []oldRow) error {
	if len(rows) == 0 {
		return nil
	}
	contents := make([]int64, 0, len(rows))
	for _, r := range rows {
		if _, err := w.exec("DELETE FROM messages WHERE mailbox = ? AND uid = ?", m.id, uint32(r.uid)); err != nil {
			return fmt.Errorf("expunge: %w", err)
		}
		modseq := w.nextModSeq()
		if _, err := w.exec("INSERT INTO expunged (mailbox, uid, modseq) VALUES (?, ?, ?)", m.id, uint32(r.uid), modseq); err != nil {
			return fmt.Errorf("expunge: %w", err)
		}
		m.highestmodseq = modseq
		w.count(m, -1, r.bits, r.size)
		contents = append(contents, r.content)
	}
	w.record(m, store.EventExpunge, m.highestmodseq)
	return w.releaseContents(contents)
}

// releaseContents drops the contents rows no message refers to any more
// and schedules their files for removal after commit.
func (w *wtx) releaseContents(ids []int64) error {
	done := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if done[id] {
			continue
		}
		done[id] = true
		var one int
		err := w.row("SELECT 1 FROM messages WHERE content = ? LIMIT 1", []any{id}, &one)
		if err == nil {
			continue
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var file string
		if err := w.row("DELETE FROM contents WHERE id = ? RETURNING file", []any{id}, &file); err != nil {
			return fmt.Errorf("release content: %w", err)
		}
		w.released = append(w.released, file)
	}
	return nil
}

package sqlite

import (
	"database/sql"
	"fmt"
	"os"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// contentRows imports the contents rows whose file is there with the
// recorded size; the others are remembered as missing.
func (sv *salvager) contentRows() error {
	q := "SELECT id, file, guid, size, sentdate, summary, structure FROM contents ORDER BY id"
	return sv.each("contents", q, func(rows *sql.Rows) error {
		var id, size, sent int64
		var file, guid string
		var summary, structure []byte
		if rows.Scan(&id, &file, &guid, &size, &sent, &summary, &structure) != nil {
			return nil
		}
		if len(file) < 2 || !isFileID(file, file[:2]) {
			return nil
		}
		if fi, err := os.Stat(sv.w.u.path(file)); err != nil || fi.Size() != size {
			sv.missing[id] = file
			return nil
		}
		res, err := sv.w.exec(`INSERT OR IGNORE INTO contents (id, file, guid, size, sentdate, summary, structure)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, file, guid, size, sent, summary, structure)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			sv.contents[id] = true
			return sv.w.addSortKeys(id, summary)
		}
		return nil
	})
}

// messages imports the message rows whose mailbox and content were
// imported; those whose mailbox was lost go to INBOX under a new UID, and
// those whose file is gone are reported.
func (sv *salvager) messages() error {
	q := `SELECT mailbox, uid, modseq, flags, keywords, internaldate, internalzone, savedate, size, content
		FROM messages ORDER BY mailbox, uid`
	return sv.each("messages", q, func(rows *sql.Rows) error {
		var box, modseq, bits, date, saved, size, content int64
		var uid uint32
		var zone int
		var kw string
		if rows.Scan(&box, &uid, &modseq, &bits, &kw, &date, &zone, &saved, &size, &content) != nil {
			return nil
		}
		name, known := sv.boxes[box]
		switch {
		case !sv.contents[content]:
			sv.r.fix(store.Fix{Kind: store.FixMissing, Mailbox: name, UID: imap.UID(uid), File: fileRelOrEmpty(sv.missing[content]),
				Detail: "its message file is missing or its content record unreadable: not kept"})
			if !known {
				return nil
			}
			// A tombstone, as EXPUNGE leaves: QRESYNC clients learn it vanished.
			_, err := sv.w.exec("INSERT OR REPLACE INTO expunged (mailbox, uid, modseq) VALUES (?, ?, ?)", box, uid, sv.w.nextModSeq())
			return err
		case !known:
			sv.homeless = append(sv.homeless, lostRow{mailbox: box, uid: imap.UID(uid), bits: bits, keywords: kw,
				internal: time.Unix(date, 0).In(time.FixedZone("", zone)), size: size, content: content})
			return nil
		}
		res, err := sv.w.exec(`INSERT OR IGNORE INTO messages (mailbox, uid, modseq, flags, keywords, internaldate,
			internalzone, savedate, size, content, sentdate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, `+sentDateOf+`)`,
			box, uid, modseq, bits, kw, date, zone, saved, size, content, content, date)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			sv.counts[box]++
		}
		return nil
	})
}

// moveHomeless adds the messages whose mailbox was lost to INBOX, once
// INBOX's own rows are in: above every UID they use.
func (sv *salvager) moveHomeless() error {
	if len(sv.homeless) == 0 {
		return nil
	}
	used, err := usedPerMailbox(sv.w)
	if err != nil {
		return err
	}
	sv.inbox.uidnext = max(sv.inbox.uidnext, used[sv.inbox.id].uid+1)
	for _, l := range sv.homeless {
		uid, err := sv.w.addMessage(sv.inbox, newRow{content: l.content, size: l.size, bits: l.bits, keywords: l.keywords, internal: l.internal})
		if err != nil {
			return err
		}
		sv.r.fix(store.Fix{Kind: store.FixMoved, Mailbox: store.Inbox, UID: uid,
			Detail: fmt.Sprintf("was UID %d of a mailbox the damaged database lost", l.uid)})
	}
	return nil
}

// fileRelOrEmpty is fileRel of a file id, or "" when none is known.
func fileRelOrEmpty(id string) string {
	if len(id) < 2 {
		return ""
	}
	return fileRel(id)
}

// expunged imports the tombstones of imported mailboxes: QRESYNC clients
// keep learning what vanished (RFC 7162 §3.2.10).
func (sv *salvager) expunged() error {
	return sv.each("expunged", "SELECT mailbox, uid, modseq FROM expunged", func(rows *sql.Rows) error {
		var box, uid, modseq int64
		if rows.Scan(&box, &uid, &modseq) != nil || sv.boxes[box] == "" {
			return nil
		}
		_, err := sv.w.exec("INSERT OR IGNORE INTO expunged (mailbox, uid, modseq) VALUES (?, ?, ?)", box, uid, modseq)
		return err
	})
}

func (sv *salvager) acl() error {
	return sv.each("acl", "SELECT mailbox, identifier, rights FROM acl", func(rows *sql.Rows) error {
		var box int64
		var id, rights string
		if rows.Scan(&box, &id, &rights) != nil || sv.boxes[box] == "" {
			return nil
		}
		_, err := sv.w.exec("INSERT OR IGNORE INTO acl (mailbox, identifier, rights) VALUES (?, ?, ?)", box, id, rights)
		return err
	})
}

func (sv *salvager) annotations() error {
	return sv.each("annotations", "SELECT mailbox, entry, userid, value FROM annotations", func(rows *sql.Rows) error {
		var box int64
		var entry, user string
		var value []byte
		if rows.Scan(&box, &entry, &user, &value) != nil || sv.boxes[box] == "" {
			return nil
		}
		_, err := sv.w.exec("INSERT OR IGNORE INTO annotations (mailbox, entry, userid, value) VALUES (?, ?, ?, ?)", box, entry, user, value)
		return err
	})
}

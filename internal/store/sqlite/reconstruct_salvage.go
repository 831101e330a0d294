package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"

	"github.com/corvusmail/corvus/internal/store"
)

// salvage imports what can still be read of the old database into the
// new one, as Cyrus's reconstruct keeps what it can of a damaged index
// (flag names, flag state, internal dates): mailboxes with their ids,
// UIDVALIDITY and UIDs, messages with flags, modseqs and dates, keywords,
// subscriptions, ACLs, annotations, tombstones and quota limits. It reads
// a private copy, so that nothing it does can touch the damaged file that
// other processes may still have open; a table it cannot read to its end
// keeps the rows read before the damage.
func (r *recon) salvage(ctx context.Context) error {
	src := filepath.Join(r.dir, dbName)
	if fi, err := os.Stat(src); err != nil || fi.Size() == 0 {
		return nil // nothing to salvage
	}
	tmp, err := os.MkdirTemp(r.dir, ".salvage-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	copyPath := filepath.Join(tmp, dbName)
	for _, ext := range []string{"", "-wal"} {
		if err := copyIfExists(src+ext, copyPath+ext); err != nil {
			return err
		}
	}
	u := url.URL{Scheme: "file", Path: copyPath}
	old, err := sql.Open("sqlite", u.String()+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer old.Close()
	old.SetMaxOpenConns(1)
	return r.write(ctx, func(w *wtx) error {
		sv := &salvager{r: r, w: w, old: old, ctx: ctx, boxes: map[int64]string{},
			contents: map[int64]bool{}, missing: map[int64]string{}, counts: map[int64]int{}}
		return sv.run()
	})
}

// copyIfExists copies a file, if there is one.
func copyIfExists(src, dst string) error {
	in, err := os.Open(src)
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}

// salvager is one import from an old database into the new one's write
// transaction.
type salvager struct {
	r        *recon
	w        *wtx
	old      *sql.DB
	ctx      context.Context
	boxes    map[int64]string // old mailbox row id → name, for those imported
	contents map[int64]bool   // contents rows imported
	missing  map[int64]string // contents rows whose file is gone → file id
	counts   map[int64]int    // messages imported per mailbox
	inbox    *mboxRow
	homeless []lostRow // messages whose mailbox was lost
}

// run imports table by table, parents first.
func (sv *salvager) run() error {
	steps := []func() error{sv.account, sv.mailboxes, sv.keywords, sv.subscriptions, sv.ensureInbox,
		sv.contentRows, sv.messages, sv.moveHomeless, sv.expunged, sv.acl, sv.annotations}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	for _, id := range slices.Sorted(maps.Keys(sv.boxes)) {
		name := sv.boxes[id]
		sv.r.salvaged = append(sv.r.salvaged, name)
		sv.r.fix(store.Fix{Kind: store.FixSalvaged, Mailbox: name,
			Detail: fmt.Sprintf("kept from the damaged database with %d messages (UIDs, flags, dates)", sv.counts[id])})
	}
	return nil
}

// each runs q on the old database and calls fn for every row it can
// read. fn's errors are the new database's and abort the import; a table
// that cannot be read to its end is reported and marks the salvage
// incomplete.
func (sv *salvager) each(table, q string, fn func(*sql.Rows) error) error {
	rows, err := sv.old.QueryContext(sv.ctx, q)
	if err != nil {
		sv.incomplete(table, 0, err)
		return nil
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		sv.incomplete(table, n, err)
	}
	return nil
}

func (sv *salvager) incomplete(table string, n int, err error) {
	sv.r.salvageIncomplete = true
	sv.r.fix(store.Fix{Kind: store.FixSalvaged,
		Detail: fmt.Sprintf("table %s of the damaged database: %d rows readable, then: %v", table, n, err)})
}

// account keeps the quota limits and usage (fixCounters checks it) and,
// if higher than the new start, the modseq counter.
func (sv *salvager) account() error {
	q := "SELECT modseq, messages, size, quota_storage, quota_messages FROM account"
	return sv.each("account", q, func(rows *sql.Rows) error {
		var a acctRow
		if rows.Scan(&a.modseq, &a.messages, &a.size, &a.quotaStorage, &a.quotaMessages) == nil {
			sv.w.acct.modseq = max(sv.w.acct.modseq, a.modseq)
			sv.w.acct.messages, sv.w.acct.size = a.messages, a.size
			sv.w.acct.quotaStorage, sv.w.acct.quotaMessages = a.quotaStorage, a.quotaMessages
		}
		return nil
	})
}

// mailboxes imports the mailbox rows with their row ids, MAILBOXIDs,
// UIDVALIDITY, UIDNEXT and modseqs.
func (sv *salvager) mailboxes() error {
	return sv.each("mailboxes", "SELECT "+mboxCols+" FROM mailboxes ORDER BY id", func(rows *sql.Rows) error {
		var m mboxRow
		if rows.Scan(m.fields()...) != nil {
			return nil
		}
		if name, err := store.CanonicalMailbox(m.name); err != nil || name != m.name {
			return nil
		}
		res, err := sv.w.exec(`INSERT OR IGNORE INTO mailboxes (`+mboxCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.id, m.objectid, m.name, m.uidvalidity, m.uidnext, m.highestmodseq, m.createdmodseq,
			m.recentuid, m.specialuse, m.messages, m.unseen, m.deleted, m.size)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			sv.boxes[m.id] = m.name
		}
		return nil
	})
}

func (sv *salvager) keywords() error {
	return sv.each("keywords", "SELECT lname, name FROM keywords", func(rows *sql.Rows) error {
		var l, n string
		if rows.Scan(&l, &n) != nil {
			return nil
		}
		_, err := sv.w.exec("INSERT OR IGNORE INTO keywords (lname, name) VALUES (?, ?)", l, n)
		return err
	})
}

func (sv *salvager) subscriptions() error {
	return sv.each("subscriptions", "SELECT name FROM subscriptions", func(rows *sql.Rows) error {
		var n string
		if rows.Scan(&n) != nil {
			return nil
		}
		_, err := sv.w.exec("INSERT OR IGNORE INTO subscriptions (name) VALUES (?)", n)
		return err
	})
}

// ensureInbox makes sure INBOX exists before messages whose mailbox was
// lost are moved into it.
func (sv *salvager) ensureInbox() error {
	if err := sv.r.ensureInbox(sv.w); err != nil {
		return err
	}
	var err error
	sv.inbox, err = sv.w.mailboxByName(store.Inbox)
	return err
}

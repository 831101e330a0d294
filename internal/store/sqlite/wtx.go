package sqlite

import (
	"fmt"
	"os"
	"time"

	"github.com/corvusmail/corvus/internal/store"
)

// acctRow is the account table's single row.
type acctRow struct {
	modseq        uint64
	uidvalidity   int64
	messages      int64
	size          int64
	quotaStorage  int64
	quotaMessages int64
	eventsPruned  uint64
}

const acctCols = "modseq, uidvalidity, messages, size, quota_storage, quota_messages, events_pruned"

func (a *acctRow) fields() []any {
	return []any{&a.modseq, &a.uidvalidity, &a.messages, &a.size, &a.quotaStorage, &a.quotaMessages, &a.eventsPruned}
}

func (a acctRow) quota() store.Quota {
	return store.Quota{StorageBytes: a.size, Messages: a.messages,
		Limits: store.QuotaLimits{StorageKB: a.quotaStorage, Messages: a.quotaMessages}}
}

type evKey struct {
	mailbox string
	kind    store.EventKind
}

// wtx is an account write transaction. It hands out modseqs from the
// account counter, caches the mailbox rows it touches and writes them back
// once at the end (one UPDATE per mailbox however many messages changed),
// collects events (one per mailbox and kind) and the message files to
// remove once the transaction has committed.
type wtx struct {
	*tx
	u        *userDB
	now      time.Time
	acct     acctRow
	start    acctRow
	boxes    map[int64]*mboxRow
	orig     map[int64]mboxRow // as loaded: unchanged rows are not written back
	order    []int64
	events   []store.Event
	evIndex  map[evKey]int
	released []string // file ids no row refers to any more
	keywords map[string]string
}

func newWtx(t *tx, u *userDB) (*wtx, error) {
	w := &wtx{tx: t, u: u, now: u.s.now(), boxes: make(map[int64]*mboxRow),
		orig: make(map[int64]mboxRow), evIndex: make(map[evKey]int), keywords: make(map[string]string)}
	if err := t.row("SELECT "+acctCols+" FROM account", nil, w.acct.fields()...); err != nil {
		return nil, fmt.Errorf("account row: %w", err)
	}
	w.start = w.acct
	return w, nil
}

// nextModSeq hands out the next modseq of the account. One counter for all
// mailboxes keeps every mailbox's modseqs strictly increasing (RFC 7162
// §3) and gives the whole account one ordered change stream.
func (w *wtx) nextModSeq() uint64 {
	w.acct.modseq++
	return w.acct.modseq
}

// newUIDValidity hands out a UIDVALIDITY: the current time, or one more
// than the last one handed out in this account, whichever is greater, so
// that a name deleted and created again never sees an old value (RFC 9051
// §2.3.1.1).
func (w *wtx) newUIDValidity() (uint32, error) {
	v := max(w.now.Unix(), w.acct.uidvalidity+1)
	if v > 1<<32-1 {
		return 0, fmt.Errorf("UIDVALIDITY space exhausted")
	}
	w.acct.uidvalidity = v
	return uint32(v), nil
}

// mailbox returns the row of a mailbox, loading it once per transaction.
func (w *wtx) mailbox(id int64) (*mboxRow, error) {
	if m, ok := w.boxes[id]; ok && !m.gone {
		return m, nil
	}
	m, err := loadMailbox(w.tx, id)
	if err != nil {
		return nil, err
	}
	w.track(m)
	return m, nil
}

// mailboxByName is mailbox by canonical name.
func (w *wtx) mailboxByName(name string) (*mboxRow, error) {
	for _, m := range w.boxes {
		if m.name == name && !m.gone {
			return m, nil
		}
	}
	m, err := loadMailbox(w.tx, name)
	if err != nil {
		return nil, err
	}
	w.track(m)
	return m, nil
}

func (w *wtx) track(m *mboxRow) {
	if _, ok := w.boxes[m.id]; !ok {
		w.order = append(w.order, m.id)
		w.orig[m.id] = *m
	}
	w.boxes[m.id] = m
}

// count applies one message's arrival (sign 1) or removal (-1) to the
// counters of its mailbox and the account's quota usage.
func (w *wtx) count(m *mboxRow, sign, bits, size int64) {
	m.messages += sign
	m.size += sign * size
	if bits&flagSeen == 0 {
		m.unseen += sign
	}
	if bits&flagDeleted != 0 {
		m.deleted += sign
	}
	w.acct.messages += sign
	w.acct.size += sign * size
}

// checkQuota refuses adding n messages of total size bytes under policy.
func (w *wtx) checkQuota(policy store.QuotaPolicy, n, bytes int64) error {
	if !w.acct.quota().Allows(policy, n, bytes) {
		return fmt.Errorf("account %q: %w", w.u.user, store.ErrOverQuota)
	}
	return nil
}

// record notes an event; a later one for the same mailbox and kind in this
// transaction replaces it with the higher modseq.
func (w *wtx) record(m *mboxRow, kind store.EventKind, modseq uint64) {
	k := evKey{m.objectid, kind}
	if i, ok := w.evIndex[k]; ok {
		w.events[i].ModSeq, w.events[i].Name = modseq, m.name
		return
	}
	w.evIndex[k] = len(w.events)
	w.events = append(w.events, store.Event{User: w.u.user, MailboxID: m.objectid, Kind: kind, ModSeq: modseq, Name: m.name})
}

// finish writes back the mailbox rows, the account row and the events.
func (w *wtx) finish() error {
	for _, id := range w.order {
		m := w.boxes[id]
		if m.gone || *m == w.orig[id] {
			continue
		}
		if _, err := w.exec(`UPDATE mailboxes SET name = ?, uidnext = ?, highestmodseq = ?, recentuid = ?,
			specialuse = ?, messages = ?, unseen = ?, deleted = ?, size = ? WHERE id = ?`,
			m.name, m.uidnext, m.highestmodseq, m.recentuid, m.specialuse,
			m.messages, m.unseen, m.deleted, m.size, m.id); err != nil {
			return fmt.Errorf("update mailbox %q: %w", m.name, err)
		}
	}
	if w.acct != w.start {
		a := w.acct
		if _, err := w.exec(`UPDATE account SET modseq = ?, uidvalidity = ?, messages = ?, size = ?,
			quota_storage = ?, quota_messages = ?, events_pruned = ?`,
			a.modseq, a.uidvalidity, a.messages, a.size, a.quotaStorage, a.quotaMessages, a.eventsPruned); err != nil {
			return fmt.Errorf("update account: %w", err)
		}
	}
	for _, e := range w.events {
		if _, err := w.exec("INSERT INTO events (modseq, mailbox, kind, name, time) VALUES (?, ?, ?, ?, ?)",
			e.ModSeq, e.MailboxID, int(e.Kind), e.Name, w.now.Unix()); err != nil {
			return fmt.Errorf("record event: %w", err)
		}
	}
	return nil
}

// removeReleased unlinks the files the committed transaction released. A
// crash before this leaves orphans, which Sweep removes; never the reverse
// (a row whose file is gone).
func (w *wtx) removeReleased() {
	for _, id := range w.released {
		os.Remove(w.u.path(id))
	}
}

// checkSpooledQuota is checkQuota for messages about to be added from
// spooled files (APPEND, MULTIAPPEND, imports).
func (w *wtx) checkSpooledQuota(policy store.QuotaPolicy, files []spooled) error {
	var total int64
	for _, f := range files {
		total += f.size
	}
	return w.checkQuota(policy, int64(len(files)), total)
}

package hibernate

import (
	"context"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/sessionstate"
	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// answerTimeout bounds the store reads of one answer.
const answerTimeout = 5 * time.Second

// Notified is told (by idled's datagram loop) that a mailbox changed.
// Held sessions watching it are brought up to date: answered by idled
// when only new messages arrived, thawed otherwise. It never blocks.
func (h *Holder) Notified(user, mailboxID string) {
	h.mu.Lock()
	var batch []*held
	for _, x := range h.byKey[key{user, mailboxID}] {
		if x.busy {
			x.dirty = true
			continue
		}
		x.busy = true
		batch = append(batch, x)
	}
	h.mu.Unlock()
	if len(batch) > 0 {
		go h.answer(batch...)
	}
}

// answer brings the sessions of one mailbox up to date with one store
// open, then releases each. A session of a read-write selection hears
// EXISTS before \Recent is claimed: the claim is a write transaction (an
// fsync, maybe a wait for another process's lock), and the client need
// not wait for it to learn of new mail; RECENT follows (claimRecent).
func (h *Holder) answer(batch ...*held) {
	ctx, cancel := context.WithTimeout(context.Background(), answerTimeout)
	defer cancel()
	k := batch[0].key
	acct, err := h.opts.Store.Open(ctx, k.user)
	var mbox store.Mailbox
	if err == nil {
		defer acct.Close()
		mbox, err = acct.MailboxByID(ctx, k.mailboxID)
	}
	var owed []owedRecent
	for _, x := range batch {
		var c computed
		if err == nil {
			c = h.compute(ctx, mbox, x)
		}
		switch {
		case !c.ok:
			h.deliver(x, nil, nil, false)
		case len(c.added) == 0:
			h.deliver(x, nil, c.record(), true)
		case c.st.ReadOnly:
			// Nothing to claim: imapd marks nothing \Recent here.
			if h.deliver(x, append(c.exists(), c.recent()...), c.record(), true) {
				h.answers.Add(1)
			}
		case h.tell(x, c):
			owed = append(owed, owedRecent{x, c})
		}
	}
	h.claimRecent(ctx, mbox, owed)
}

// tell writes EXISTS to a session owed RECENT and keeps the record of
// what its client now knows; false if the write failed, and the session
// is then closed as deliver closes one whose client is not reading.
func (h *Holder) tell(x *held, c computed) bool {
	if !h.send(x, c.exists()) {
		h.mu.Lock()
		x.bye = []byte{}
		h.mu.Unlock()
		h.release(x)
		return false
	}
	h.answers.Add(1)
	if rec := c.record(); rec != nil {
		h.mu.Lock()
		x.rec = rec
		h.mu.Unlock()
	}
	return true
}

// owedRecent is a session told EXISTS and owed the result of the claim.
type owedRecent struct {
	x *held
	c computed
}

// claimRecent moves the mailbox's \Recent mark once for the batch: the
// first session gets the new messages as \Recent and the others see the
// mark already moved, as when several imapds race to claim (RFC 3501
// §2.3.2: recent in one session only), without a write per session. A
// failed claim thaws the sessions; their imapd judges afresh.
func (h *Holder) claimRecent(ctx context.Context, mbox store.Mailbox, owed []owedRecent) {
	if len(owed) == 0 {
		return
	}
	mark, err := mbox.ClaimRecent(ctx)
	after := mark
	if err == nil {
		first := owed[0].c.st.UIDs
		after = max(mark, first[len(first)-1])
	}
	for i, o := range owed {
		if err != nil {
			h.deliver(o.x, nil, nil, false)
			continue
		}
		m := mark
		if i > 0 {
			m = after
		}
		// As imapd's claimRecent: every message above the old mark is
		// now \Recent in this session.
		st := o.c.st
		for _, u := range st.UIDs {
			if u > m && !slices.Contains(st.Recent, u) {
				st.Recent = append(st.Recent, u)
			}
		}
		slices.Sort(st.Recent)
		h.deliver(o.x, o.c.recent(), o.c.record(), true)
	}
}

// deliver writes a computed answer to x, or marks x for a thaw, and
// releases it; it reports whether out was written. rec, when not nil, is
// the session's record from now on.
func (h *Holder) deliver(x *held, out, rec []byte, ok bool) bool {
	h.mu.Lock()
	switch {
	case !ok:
		x.thaw = true
	case rec != nil:
		x.rec = rec
	}
	h.mu.Unlock()
	sent := false
	if ok && len(out) > 0 {
		if sent = h.send(x, out); !sent {
			h.mu.Lock()
			x.bye = []byte{} // the client is not reading: close, no word
			h.mu.Unlock()
		}
	}
	h.release(x)
	return sent
}

// computed is what a session's client is owed: its state brought up to
// the mailbox's modseq, and the new messages it has not been told of
// (already in st.UIDs). ok is false when only a thawed imapd can say it
// (expunges, flag changes, a mailbox gone, an error).
type computed struct {
	ok    bool
	st    *sessionstate.State
	added []imap.UID
}

// compute works out what x's client is owed now.
func (h *Holder) compute(ctx context.Context, mbox store.Mailbox, x *held) computed {
	h.mu.Lock()
	st := new(sessionstate.State)
	err := st.UnmarshalBinary(x.rec)
	h.mu.Unlock()
	if err != nil || st.MailboxID != mbox.ID() {
		return computed{}
	}
	ch, err := mbox.Changes(ctx, st.ModSeq)
	if err != nil || len(ch.Expunged) > 0 {
		return computed{}
	}
	added, ok := newUIDs(st, ch)
	if !ok {
		return computed{}
	}
	st.ModSeq = max(st.ModSeq, ch.HighestModSeq)
	st.UIDs = append(st.UIDs, added...)
	return computed{ok: true, st: st, added: added}
}

// record is the session's state record; nil if it cannot be encoded, in
// which case the previous one stays.
func (c computed) record() []byte {
	rec, err := c.st.MarshalBinary()
	if err != nil {
		return nil
	}
	return rec
}

// exists renders EXISTS as imapd's announce does for new messages.
func (c computed) exists() []byte {
	return render(func(w *wire.Writer) { w.Exists(uint32(len(c.st.UIDs))) })
}

// recent renders RECENT for an IMAP4rev1 client (RFC 3501 §7.3.2);
// IMAP4rev2 has none.
func (c computed) recent() []byte {
	if slices.Contains(c.st.Enabled, imap.CapIMAP4rev2) {
		return nil
	}
	return render(func(w *wire.Writer) { w.Recent(uint32(countIn(c.st.Recent, c.st.UIDs))) })
}

// newUIDs returns the UIDs in ch that the client has not seen, ascending;
// ok is false if ch changes a message the client knows (a flag change,
// which imapd announces with FETCH).
func newUIDs(st *sessionstate.State, ch store.Changes) ([]imap.UID, bool) {
	last := imap.UID(0)
	if n := len(st.UIDs); n > 0 {
		last = st.UIDs[n-1]
	}
	var added []imap.UID
	for _, m := range ch.Messages {
		if m.UID <= last {
			return nil, false
		}
		added = append(added, m.UID)
	}
	slices.Sort(added)
	return slices.Compact(added), true
}

// countIn counts the elements of a that are in b (both ascending).
func countIn(a, b []imap.UID) int {
	n, j := 0, 0
	for _, u := range a {
		for j < len(b) && b[j] < u {
			j++
		}
		if j < len(b) && b[j] == u {
			n++
		}
	}
	return n
}

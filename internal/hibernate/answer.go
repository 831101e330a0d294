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
// open, then releases each.
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
	claim := &recentClaim{mbox: mbox}
	for _, x := range batch {
		var out, rec []byte
		ok := false
		if err == nil {
			out, rec, ok = h.compute(ctx, mbox, claim, x)
		}
		h.deliver(x, out, rec, ok)
	}
}

// deliver writes a computed answer to x, or marks x for a thaw, and
// releases it.
func (h *Holder) deliver(x *held, out, rec []byte, ok bool) {
	h.mu.Lock()
	switch {
	case !ok:
		x.thaw = true
	case out != nil:
		x.rec = rec
	}
	h.mu.Unlock()
	if ok && out != nil {
		if h.send(x, out) {
			h.answers.Add(1)
		} else {
			h.mu.Lock()
			x.bye = []byte{} // the client is not reading: close, no word
			h.mu.Unlock()
		}
	}
	h.release(x)
}

// recentClaim moves the mailbox's \Recent mark at most once per batch:
// the first session answered gets the new messages as \Recent and the
// others see the mark already moved, as when several imapds race to
// claim (RFC 3501 §2.3.2: recent in one session only) — without a write
// transaction per session.
type recentClaim struct {
	mbox    store.Mailbox
	claimed bool
	after   imap.UID // the mark once claimed
}

// mark returns the recent mark to judge st's new messages by.
func (c *recentClaim) mark(ctx context.Context, st *sessionstate.State) (imap.UID, error) {
	if c.claimed {
		return c.after, nil
	}
	m, err := c.mbox.ClaimRecent(ctx)
	if err != nil {
		return 0, err
	}
	c.claimed = true
	c.after = max(m, st.UIDs[len(st.UIDs)-1])
	return m, nil
}

// compute works out what imapd would send x's client now. ok is false
// when only a thawed imapd can say it (expunges, flag changes, a
// mailbox gone, an error); out is nil when nothing is owed.
func (h *Holder) compute(ctx context.Context, mbox store.Mailbox, claim *recentClaim, x *held) (out, rec []byte, ok bool) {
	h.mu.Lock()
	var st sessionstate.State
	err := st.UnmarshalBinary(x.rec)
	h.mu.Unlock()
	if err != nil || st.MailboxID != mbox.ID() {
		return nil, nil, false
	}
	ch, err := mbox.Changes(ctx, st.ModSeq)
	if err != nil || len(ch.Expunged) > 0 {
		return nil, nil, false
	}
	added, ok := newUIDs(&st, ch)
	if !ok {
		return nil, nil, false
	}
	st.ModSeq = max(st.ModSeq, ch.HighestModSeq)
	if len(added) > 0 {
		if out, ok = h.announce(ctx, claim, &st, added); !ok {
			return nil, nil, false
		}
	}
	rec, err = st.MarshalBinary()
	if err != nil {
		return nil, nil, false
	}
	return out, rec, true
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

// announce adds the new messages to the client's view and renders what
// imapd's announce does for them: EXISTS, and for an IMAP4rev1 client
// RECENT after claiming \Recent in a read-write selection (RFC 3501
// §7.3.2, §2.3.2).
func (h *Holder) announce(ctx context.Context, claim *recentClaim, st *sessionstate.State, added []imap.UID) ([]byte, bool) {
	st.UIDs = append(st.UIDs, added...)
	if !st.ReadOnly {
		mark, err := claim.mark(ctx, st)
		if err != nil {
			return nil, false
		}
		// As imapd's claimRecent: every message above the old mark is
		// now \Recent in this session.
		for _, u := range st.UIDs {
			if u > mark && !slices.Contains(st.Recent, u) {
				st.Recent = append(st.Recent, u)
			}
		}
		slices.Sort(st.Recent)
	}
	rev2 := slices.Contains(st.Enabled, imap.CapIMAP4rev2)
	return render(func(w *wire.Writer) {
		w.Exists(uint32(len(st.UIDs)))
		if !rev2 {
			w.Recent(uint32(countIn(st.Recent, st.UIDs)))
		}
	}), true
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

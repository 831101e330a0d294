package server

import (
	"math"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapQResync)
	})
}

// anyUID stands for "*" when a set is matched against expunged UIDs,
// which may lie above every UID left in the mailbox.
const anyUID = imap.UID(math.MaxUint32)

// qresync reports whether the client enabled QRESYNC (RFC 7162 §3.2.3):
// expunges are then reported as VANISHED.
func (s *Session) qresync() bool { return s.enabled[imap.CapQResync] }

// resync answers SELECT's QRESYNC parameter (RFC 7162 §3.2.5.1) once the
// usual SELECT responses are out: if the client's UIDVALIDITY still holds,
// the UIDs expunged since its modseq as VANISHED (EARLIER), then a FETCH
// of UID, FLAGS and MODSEQ for every message changed since, both limited
// to the UIDs the client says it knows.
func (s *Session) resync(q *wire.QResync) error {
	sel := s.sel
	if q.UIDValidity != sel.uidValidity || q.ModSeq == 0 {
		return nil // a full resynchronisation: nothing to add
	}
	known := func(u imap.UID) bool {
		return q.KnownUIDs == nil || uidContains(q.KnownUIDs, u, anyUID)
	}
	gone, err := sel.mbox.ExpungedSince(s.ctx, q.ModSeq)
	if err != nil {
		return storeError(err)
	}
	var vanished []imap.UID
	for _, u := range gone {
		if known(u) {
			vanished = append(vanished, u)
		}
	}
	if len(vanished) > 0 {
		s.w.Vanished(uidSet(vanished), true)
	}
	ch, err := sel.mbox.Changes(s.ctx, q.ModSeq)
	if err != nil {
		return storeError(err)
	}
	for _, m := range ch.Messages {
		seq := sel.view.seq(m.UID)
		if seq == 0 || !known(m.UID) {
			continue
		}
		f := s.w.Fetch(seq)
		f.UID(m.UID)
		f.Flags(s.flagsOut(m.UID, m.Flags))
		f.ModSeq(m.ModSeq)
		f.Close()
	}
	return nil
}

// fetchVanished is UID FETCH's VANISHED modifier (RFC 7162 §3.2.6): the
// UIDs of set expunged since changedSince, as VANISHED (EARLIER), before
// the FETCH responses.
func (s *Session) fetchVanished(set imap.NumSet, changedSince uint64) error {
	uids, ok := set.(imap.UIDSet)
	if !ok {
		return nil
	}
	gone, err := s.sel.mbox.ExpungedSince(s.ctx, changedSince)
	if err != nil {
		return storeError(err)
	}
	var out []imap.UID
	for _, u := range gone {
		if uidContains(uids, u, anyUID) {
			out = append(out, u)
		}
	}
	if len(out) > 0 {
		s.w.Vanished(uidSet(out), true)
	}
	return nil
}

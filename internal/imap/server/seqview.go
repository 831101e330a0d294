package server

import (
	"sort"

	"github.com/emersion/go-imap/v2"
)

// seqView is the client's view of a selected mailbox: the UID of each
// message sequence number (RFC 9051 §2.3.1.2). It only changes when the
// client is told: an EXPUNGE seen in the store while answering FETCH,
// STORE or SEARCH stays pending (RFC 9051 §7.5.1 forbids the EXPUNGE
// response then), so sequence numbers keep meaning what the client
// thinks until the next NOOP, IDLE or other command that may report it.
type seqView struct {
	uids    []imap.UID        // ascending; index+1 is the sequence number
	pending map[imap.UID]bool // expunged in the store, not yet announced
}

func newSeqView(uids []imap.UID) *seqView {
	return &seqView{uids: uids, pending: map[imap.UID]bool{}}
}

// count is the EXISTS number the client knows.
func (v *seqView) count() uint32 { return uint32(len(v.uids)) }

// uid returns the UID of seq, 0 if out of range.
func (v *seqView) uid(seq uint32) imap.UID {
	if seq == 0 || int(seq) > len(v.uids) {
		return 0
	}
	return v.uids[seq-1]
}

// seq returns the sequence number of uid, 0 if not in view.
func (v *seqView) seq(uid imap.UID) uint32 {
	i := sort.Search(len(v.uids), func(i int) bool { return v.uids[i] >= uid })
	if i < len(v.uids) && v.uids[i] == uid {
		return uint32(i + 1)
	}
	return 0
}

// max is the highest UID in view, 0 when empty.
func (v *seqView) max() imap.UID {
	if len(v.uids) == 0 {
		return 0
	}
	return v.uids[len(v.uids)-1]
}

// add appends UIDs above max (new messages) and returns how many were
// added.
func (v *seqView) add(uids ...imap.UID) int {
	n := 0
	for _, u := range uids {
		if u > v.max() {
			v.uids = append(v.uids, u)
			n++
		}
	}
	return n
}

// markExpunged records UIDs the store no longer has.
func (v *seqView) markExpunged(uids ...imap.UID) {
	for _, u := range uids {
		if v.seq(u) != 0 {
			v.pending[u] = true
		}
	}
}

// isExpunged reports whether uid is pending expunge.
func (v *seqView) isExpunged(uid imap.UID) bool { return v.pending[uid] }

// flush removes the pending UIDs and returns the sequence numbers to
// announce, in the order the EXPUNGE responses must go out: each number
// is valid once the ones before it were applied (RFC 9051 §7.5.1), so
// the highest come first and none needs adjusting.
func (v *seqView) flush() []uint32 {
	seqs, _ := v.flushUIDs()
	return seqs
}

// flushUIDs is flush that also returns the UIDs removed, ascending, for
// QRESYNC's VANISHED (RFC 7162 §3.2.10).
func (v *seqView) flushUIDs() ([]uint32, []imap.UID) {
	if len(v.pending) == 0 {
		return nil, nil
	}
	var seqs []uint32
	var uids []imap.UID
	kept := v.uids[:0]
	for i, u := range v.uids {
		if v.pending[u] {
			seqs = append(seqs, uint32(i+1))
			uids = append(uids, u)
			continue
		}
		kept = append(kept, u)
	}
	v.uids = kept
	v.pending = map[imap.UID]bool{}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] > seqs[j] })
	return seqs, uids
}

// resolveSeq turns a SeqSet into UIDs in view, ascending; "*" is the
// last message. Numbers beyond the view are skipped.
func (v *seqView) resolveSeq(set imap.SeqSet) []imap.UID {
	var out []imap.UID
	n := v.count()
	for _, r := range set {
		lo, hi := rangeBounds(r.Start, r.Stop, n)
		for s := lo; s <= hi && s <= n; s++ {
			if s >= 1 {
				out = append(out, v.uids[s-1])
			}
		}
	}
	return sortUniq(out)
}

// resolveUID returns the UIDs of set that are in view, ascending; "*" is
// the highest UID in view (RFC 9051 §6.4.9: for an empty mailbox, "*"
// matches nothing... but n:* with n above max still matches max).
func (v *seqView) resolveUID(set imap.UIDSet) []imap.UID {
	var out []imap.UID
	max := v.max()
	for _, r := range set {
		lo, hi := rangeBounds(r.Start, r.Stop, max)
		i := sort.Search(len(v.uids), func(i int) bool { return v.uids[i] >= lo })
		for ; i < len(v.uids) && v.uids[i] <= hi; i++ {
			out = append(out, v.uids[i])
		}
	}
	return sortUniq(out)
}

func sortUniq(u []imap.UID) []imap.UID {
	sort.Slice(u, func(i, j int) bool { return u[i] < u[j] })
	out := u[:0]
	for i, x := range u {
		if i == 0 || x != u[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// uidSet builds an imap.UIDSet from ascending UIDs.
func uidSet(uids []imap.UID) imap.UIDSet {
	var s imap.UIDSet
	for _, u := range uids {
		s.AddNum(u)
	}
	return s
}

// rangeBounds resolves one range of a sequence or UID set: 0 stands for
// "*", the largest number in use (star), and the ends may come in either
// order (RFC 9051 §9: "4:2" is the same range as "2:4").
func rangeBounds[T ~uint32](start, stop, star T) (lo, hi T) {
	if start == 0 {
		start = star
	}
	if stop == 0 {
		stop = star
	}
	if start > stop {
		start, stop = stop, start
	}
	return start, stop
}

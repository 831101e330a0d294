package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// walkReadMax is the largest message a body search reads into its
// reused buffer; larger ones are left to fetchMsg.bytes, which maps them.
const walkReadMax = 1 << 20

// evalWalk evaluates c over msgs (ascending UIDs, from Fetch) when it
// reads message bytes and the store can open them all after one lookup
// (store.ContentWalker): each message is read into one buffer reused for
// the next, instead of a lookup and an allocation per message. It returns
// the matches and false when the store cannot walk.
func (s *Session) evalWalk(c *wire.Criteria, msgs []store.Message, ev *evaluator) ([]store.Message, bool, error) {
	walker, ok := s.sel.mbox.(store.ContentWalker)
	if !ok {
		return nil, false, nil
	}
	view := s.sel.view
	index := make(map[imap.UID]int, len(msgs))
	uids := make([]imap.UID, 0, len(msgs))
	for i := range msgs {
		if view.seq(msgs[i].UID) != 0 && !view.isExpunged(msgs[i].UID) {
			index[msgs[i].UID] = i
			uids = append(uids, msgs[i].UID)
		}
	}
	var buf []byte
	matched := make([]bool, len(msgs))
	err := walker.EachContent(s.ctx, uids, func(uid imap.UID, ct store.Content) error {
		i := index[uid]
		m := &searchMsg{fetchMsg: fetchMsg{s: s, m: &msgs[i]}, seq: view.seq(uid)}
		if size := ct.Size(); size <= walkReadMax {
			buf = grow(buf, int(size))
			if _, err := ct.ReadAt(buf, 0); err != nil && size > 0 {
				return storeError(err)
			}
			m.raw = buf
		}
		ok, err := ev.match(c, m)
		m.mapped.Close()
		matched[i] = ok
		return err
	})
	if err != nil {
		return nil, true, storeError(err)
	}
	out := msgs[:0] // kept in place: entry i is read before anything is written over it
	for i := range msgs {
		if matched[i] {
			msgs[i].Structure = nil
			out = append(out, msgs[i])
		}
	}
	return out, true, nil
}

// grow returns buf resized to n bytes, reallocated only when too small.
func grow(buf []byte, n int) []byte {
	if cap(buf) < n {
		return make([]byte, n, max(n, 2*cap(buf)))
	}
	return buf[:n]
}

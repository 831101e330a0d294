package server

import (
	"cmp"
	"slices"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.capPost("THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES")
		r.add("THREAD", selectedS, (*Session).cmdThread)
		r.addUID("THREAD", (*Session).cmdThread)
	})
}

// cmdThread: RFC 5256 §5. The messages SEARCH would find are threaded
// from the summary stored at delivery (subject, date, message ids).
func (s *Session) cmdThread(cmd *wire.Command) error {
	p, err := wire.ParseThread(cmd.Decoder())
	if err != nil {
		return err
	}
	parts := store.SummarySubject | store.SummaryThreading | store.SummaryDate
	if p.Algorithm == "ORDEREDSUBJECT" {
		parts = store.SummarySubject | store.SummaryDate // RFC 5256 §3: subject, then sent date
	}
	msgs, err := s.matchingSummaries(p.Charset, &p.Criteria, parts)
	if err != nil {
		return err
	}
	var roots []*container
	if p.Algorithm == "ORDEREDSUBJECT" {
		roots = orderedSubject(msgs)
	} else {
		roots = references(msgs)
	}
	num := func(m *store.SortRow) uint32 {
		if cmd.UID {
			return uint32(m.UID)
		}
		return s.sel.view.seq(m.UID)
	}
	out := make([]*wire.ThreadNode, len(roots))
	for i, r := range roots {
		out[i] = r.node(num)
	}
	s.w.Thread(out)
	return s.update(false)
}

// container is a node of the thread tree (RFC 5256 §2.2): a message, or
// a dummy standing for one that is only known by reference.
type container struct {
	msg      *store.SortRow
	parent   *container
	children []*container
}

func (c *container) node(num func(*store.SortRow) uint32) *wire.ThreadNode {
	n := &wire.ThreadNode{}
	if c.msg != nil {
		n.Num = num(c.msg)
	}
	for _, k := range c.children {
		n.Children = append(n.Children, k.node(num))
	}
	return n
}

// date is the container's sort date: its message's sent date, or a
// dummy's first child's (RFC 5256 §2.2 step 6).
func (c *container) date() (t int64, uid imap.UID) {
	if c.msg != nil {
		return c.msg.Sent, c.msg.UID
	}
	if len(c.children) > 0 {
		return c.children[0].date()
	}
	return 0, 0
}

// byDate sorts containers by sent date, ties in mailbox order.
// Each container's date is found once, not in every comparison: a
// dummy's date is its first child's, found by walking down, and the
// roots of a 100 000-message mailbox are tens of thousands.
func byDate(l []*container) {
	if len(l) < 2 {
		return
	}
	type keyed struct {
		t   int64
		uid imap.UID
		c   *container
	}
	ks := make([]keyed, len(l))
	for i, c := range l {
		t, uid := c.date()
		ks[i] = keyed{t, uid, c}
	}
	// No two containers that matter share a key: a message's UID is its
	// own, and a dummy's is its first child's. Only empty dummies tie, at
	// (0, 0), and step 4 drops them, so pdqsort needs no stability.
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.t, b.t), cmp.Compare(a.uid, b.uid))
	})
	for i := range ks {
		l[i] = ks[i].c
	}
}

// orderedSubject is RFC 5256 §2.1: messages sorted by base subject then
// date; each run of one subject is a thread whose first message is the
// parent of all the others.
//
// Every container holds a message, so (base subject, date, UID) is a
// total order and pdqsort needs no stability; the containers come from
// one slab.
func orderedSubject(msgs []store.SortRow) []*container {
	type item struct {
		c    *container
		base string
	}
	conts := make([]container, len(msgs))
	items := make([]item, len(msgs))
	for i := range msgs {
		conts[i].msg = &msgs[i]
		items[i] = item{&conts[i], baseSubject(&msgs[i])}
	}
	slices.SortFunc(items, func(a, b item) int {
		ma, mb := a.c.msg, b.c.msg
		return cmp.Or(cmp.Compare(a.base, b.base), cmp.Compare(ma.Sent, mb.Sent), cmp.Compare(ma.UID, mb.UID))
	})
	var roots []*container
	for i, it := range items {
		if i > 0 && it.base == items[i-1].base {
			root := roots[len(roots)-1]
			root.children = append(root.children, it.c)
			continue
		}
		roots = append(roots, it.c)
	}
	byDate(roots) // threads in order of their first message's date
	return roots
}

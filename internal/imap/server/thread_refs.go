package server

import (
	"fmt"
	"strings"

	"github.com/corvusmail/corvus/internal/mime"
	"github.com/corvusmail/corvus/internal/store"
)

// references is RFC 5256 §2.2's REFERENCES algorithm (after Jamie
// Zawinski's): link messages by Message-ID, References and In-Reply-To,
// prune dummies, merge root threads with the same base subject, then sort
// every level by sent date.
func references(msgs []store.SortRow) []*container {
	// Sized for the messages and as many again that are only referenced:
	// growing a map of 100 000 ids step by step cost a tenth of the
	// command.
	l := &linker{byID: make(map[string]*container, 2*len(msgs))}
	for i := range msgs {
		l.link(&msgs[i], i)
	}
	byID := l.byID
	var roots []*container
	for _, c := range byID {
		if c.parent == nil {
			roots = append(roots, c)
		}
	}
	byDate(roots) // a stable order for the steps below
	roots = pruneEmpty(roots, true)
	roots = groupBySubject(roots)
	sortLevels(roots)
	return roots
}

// linker holds step 1's containers by message id, and hands out new
// ones from slabs rather than one allocation each.
type linker struct {
	byID map[string]*container
	slab []container
}

// container returns a new container for id.
func (l *linker) container(id string) *container {
	if len(l.slab) == 0 {
		l.slab = make([]container, 1024)
	}
	c := &l.slab[0]
	l.slab = l.slab[1:]
	l.byID[id] = c
	return c
}

// link is step 1: the message's container, its references chained
// parent to child, and the message under its last reference.
func (l *linker) link(m *store.SortRow, i int) {
	byID := l.byID
	var ids store.ThreadIDs // a store without them: every message unlinked
	if m.Thread != nil {
		ids = *m.Thread
	}
	id := strings.ToLower(ids.MessageID)
	c := byID[id]
	if id == "" || (c != nil && c.msg != nil) {
		// No id, or a duplicate: a container of its own (RFC 5256 §2.2
		// step 1A treats it as unique).
		id = fmt.Sprintf("\x00%d", i)
		c = nil
	}
	if c == nil {
		c = l.container(id)
	}
	c.msg = m
	refs := ids.References
	if len(refs) == 0 && len(ids.InReplyTo) > 0 {
		refs = ids.InReplyTo[:1]
	}
	var prev *container
	for _, r := range refs {
		r = strings.ToLower(r)
		rc := byID[r]
		if rc == nil {
			rc = l.container(r)
		}
		if prev != nil && rc.parent == nil && !reachable(rc, prev) {
			adopt(prev, rc)
		}
		prev = rc
	}
	// Step 1C: the last reference is the parent, whatever was linked
	// before, unless that makes a loop.
	if prev != nil && prev != c && !reachable(c, prev) {
		adopt(prev, c)
	} else if prev == nil && c.parent != nil {
		orphan(c)
	}
}

// reachable reports whether to is from, or below it.
func reachable(from, to *container) bool {
	if from == to {
		return true
	}
	for _, k := range from.children {
		if reachable(k, to) {
			return true
		}
	}
	return false
}

// adopt makes child a child of parent, leaving any former parent.
func adopt(parent, child *container) {
	if child.parent == parent {
		return
	}
	orphan(child)
	child.parent = parent
	parent.children = append(parent.children, child)
}

func orphan(c *container) {
	if p := c.parent; p != nil {
		for i, k := range p.children {
			if k == c {
				p.children = append(p.children[:i:i], p.children[i+1:]...)
				break
			}
		}
		c.parent = nil
	}
}

// pruneEmpty is step 4: dummies without children go; a dummy's children
// take its place, except at the root, where only a single child is
// promoted (so a thread's root is never split).
func pruneEmpty(list []*container, atRoot bool) []*container {
	var out []*container
	for _, c := range list {
		c.children = pruneEmpty(c.children, false)
		for _, k := range c.children {
			k.parent = c
		}
		switch {
		case c.msg == nil && len(c.children) == 0:
			continue
		case c.msg == nil && (!atRoot || len(c.children) == 1):
			for _, k := range c.children {
				k.parent = c.parent
			}
			out = append(out, c.children...)
			continue
		}
		out = append(out, c)
	}
	return out
}

// rootSubject is the subject of a root: its message's, or for a dummy
// its first child's.
func rootSubject(c *container) (base string, reply, ok bool) {
	m := c.msg
	if m == nil && len(c.children) > 0 {
		m = c.children[0].msg
	}
	if m == nil {
		return "", false, false
	}
	b, reply := mime.SubjectBaseReply(subject(m))
	return fold(b), reply, b != ""
}

// groupBySubject is step 5: root threads with the same base subject are
// merged, as RFC 5256 §2.2 (5) describes. Each root's subject is
// worked out once: a dummy the step makes has its first child's, which
// is the root it replaces.
func groupBySubject(roots []*container) []*container {
	type subject struct {
		base      string
		reply, ok bool
	}
	type entry struct {
		c     *container
		reply bool
	}
	subjects := make([]subject, len(roots))
	table := make(map[string]entry, len(roots))
	for i, c := range roots {
		base, reply, ok := rootSubject(c)
		subjects[i] = subject{base, reply, ok}
		if !ok {
			continue
		}
		old, found := table[base]
		if !found || (c.msg == nil && old.c.msg != nil) || (old.reply && !reply) {
			table[base] = entry{c, reply}
		}
	}
	var out []*container
	for i, c := range roots {
		sub := subjects[i]
		keep, found := table[sub.base]
		if !sub.ok || !found || keep.c == c {
			out = append(out, c)
			continue
		}
		switch {
		case keep.c.msg == nil && c.msg == nil:
			for _, k := range c.children {
				adopt(keep.c, k)
			}
		case keep.c.msg == nil:
			adopt(keep.c, c)
		case c.msg != nil && sub.reply && !keep.reply:
			adopt(keep.c, c)
		default:
			// Neither is a reply of the other: both go under a new dummy,
			// which takes the kept one's place.
			dummy := &container{}
			pos := indexOf(out, keep.c)
			orphan(keep.c)
			adopt(dummy, keep.c)
			adopt(dummy, c)
			table[sub.base] = entry{dummy, keep.reply}
			if pos >= 0 {
				out[pos] = dummy
			} else {
				out = append(out, dummy) // keep comes later and joins it then
			}
		}
	}
	return out
}

func indexOf(l []*container, c *container) int {
	for i, x := range l {
		if x == c {
			return i
		}
	}
	return -1
}

// sortLevels is step 6: every level sorted by sent date, children before
// their parent so a dummy sorts by its first child.
func sortLevels(l []*container) {
	for _, c := range l {
		sortLevels(c.children)
	}
	byDate(l)
}

package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// threadMsg is a message with the fields THREAD reads.
func threadMsg(id, refs, subject, date string) string {
	h := fmt.Sprintf("Message-ID: <%s>\r\nSubject: %s\r\nDate: %s\r\nFrom: a@example.org\r\n", id, subject, date)
	if refs != "" {
		h += "References: " + refs + "\r\n"
	}
	return h + "\r\nbody\r\n"
}

// THREAD (RFC 5256): ORDEREDSUBJECT and REFERENCES.
func TestThread(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	d := func(day int) string { return fmt.Sprintf("Mon, %d Feb 1994 10:00:00 +0000", day) }
	for _, m := range []string{
		threadMsg("1@x", "", "Lunch", d(1)),                // 1
		threadMsg("2@x", "<1@x>", "Re: Lunch", d(3)),       // 2 reply to 1
		threadMsg("3@x", "", "Other", d(2)),                // 3
		threadMsg("4@x", "<1@x> <2@x>", "Re: Lunch", d(4)), // 4 reply to 2
		threadMsg("5@x", "<gone@x>", "Re: Party", d(5)),    // 5 parent missing
		threadMsg("6@x", "<gone@x>", "Re: Party", d(6)),    // 6 sibling of 5
		threadMsg("7@x", "<1@x>", "Re: Lunch", d(7)),       // 7 reply to 1
		threadMsg("8@x", "", "Re: Other", d(8)),            // 8 no refs, same subject as 3
	} {
		appendMsg(c, "INBOX", m)
	}
	c.mustOK("SELECT INBOX")
	caps := c.mustOK("CAPABILITY")[0]
	if !strings.Contains(caps, "THREAD=ORDEREDSUBJECT") || !strings.Contains(caps, "THREAD=REFERENCES") {
		t.Errorf("CAPABILITY: %q", caps)
	}
	for _, tt := range []struct{ cmd, want string }{
		// Lunch (1 2 4 7 by date) first by date of 1, Other (3 8), Party (5 6).
		{"THREAD ORDEREDSUBJECT UTF-8 ALL", "* THREAD (1 (2)(4)(7))(3 8)(5 6)"},
		// 1 has children 2 (with 4) and 7; 3 and 8 share a subject, 8 is a
		// reply: it goes under 3; 5 and 6 hang from a missing parent.
		{"THREAD REFERENCES UTF-8 ALL", "* THREAD (1 (2 4)(7))(3 8)((5)(6))"},
		// Without 1, its replies hang together under the missing parent.
		{"THREAD REFERENCES UTF-8 SENTSINCE 3-Feb-1994", "* THREAD ((2 4)(7))((5)(6))(8)"},
	} {
		if l := c.mustOK(tt.cmd); len(l) != 1 || l[0] != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.cmd, l, tt.want)
		}
	}
	if _, st := c.cmd("THREAD FANCY UTF-8 ALL"); !strings.HasPrefix(st, "BAD") {
		t.Errorf("unknown algorithm: %q", st)
	}
}

// FuzzThreadReferences feeds the REFERENCES algorithm arbitrary ids,
// references and subjects (loops, duplicates, self-references): every
// message must come out exactly once, in a tree without cycles.
func FuzzThreadReferences(f *testing.F) {
	f.Add("a|b a|c b|a c", "Re: x|x|Fwd: x|y")
	f.Add("a a|a|a a", "s|s|s")
	f.Add("|b|", "")
	f.Fuzz(func(t *testing.T, spec, subjects string) {
		var msgs []store.SortRow
		subj := strings.Split(subjects, "|")
		for i, line := range strings.Split(spec, "|") {
			if i >= 50 {
				break
			}
			f := strings.Fields(line)
			ids := &store.ThreadIDs{}
			if len(f) > 0 {
				ids.MessageID, ids.References = f[0], f[1:]
			}
			m := store.SortRow{UID: imap.UID(i + 1), Sent: int64(i%7) * 3600, Subject: subj[i%len(subj)], Thread: ids}
			msgs = append(msgs, m)
		}
		seen := map[imap.UID]int{}
		var walk func(c *container, depth int)
		walk = func(c *container, depth int) {
			if depth > len(msgs)+2 {
				t.Fatal("cycle in the thread tree")
			}
			if c.msg != nil {
				seen[c.msg.UID]++
			}
			for _, k := range c.children {
				walk(k, depth+1)
			}
		}
		for _, r := range references(msgs) {
			walk(r, 0)
		}
		for _, r := range orderedSubject(append([]store.SortRow(nil), msgs...)) {
			walk(r, 0)
		}
		for _, m := range msgs {
			if seen[m.UID] != 2 {
				t.Fatalf("message %d appears %d times in the two trees, want 2 (once each)", m.UID, seen[m.UID])
			}
		}
	})
}

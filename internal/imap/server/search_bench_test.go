package server

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// threadedMessage is message i of a mailbox of list traffic: half of
// them replies (In-Reply-To, References, "Re:"), senders and subjects
// repeating, so SORT and THREAD have real work to do.
func threadedMessage(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "From: Person %d <p%d@example.com>\r\nTo: list@example.org\r\n", i%97, i%97)
	subj, parent := fmt.Sprintf("Topic %d of the week", i/2), ""
	if i%2 == 1 {
		subj, parent = "Re: "+subj, fmt.Sprintf("<m%d@example.com>", i-1)
	}
	fmt.Fprintf(&b, "Subject: %s\r\nDate: Mon, %d Feb 2026 %02d:%02d:00 +0100\r\nMessage-ID: <m%d@example.com>\r\n", subj, 1+i%28, i%24, i%60, i)
	if parent != "" {
		fmt.Fprintf(&b, "In-Reply-To: %s\r\nReferences: %s\r\n", parent, parent)
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n")
	for range 2 + i%10 {
		fmt.Fprintf(&b, "line of text number %d for the body of message %d\r\n", i%13, i)
	}
	return b.String()
}

// fillThreaded MULTIAPPENDs n threaded messages to INBOX, 100 per
// command.
func fillThreaded(c *client, n int) {
	for from := 0; from < n; from += 100 {
		c.n++
		tag := fmt.Sprintf("t%d", c.n)
		line := tag + " APPEND INBOX"
		for i := from; i < min(from+100, n); i++ {
			msg := threadedMessage(i)
			c.send(fmt.Sprintf("%s (\\Seen) {%d}", line, len(msg)))
			if l := c.line(); !strings.HasPrefix(l, "+") {
				c.t.Fatalf("no continuation: %q", l)
			}
			line = msg
		}
		c.send(line)
		if _, st := c.until(tag); !strings.HasPrefix(st, "OK") {
			c.t.Fatalf("APPEND: %q", st)
		}
	}
}

// BenchmarkSortThreadSearch times the commands of bench/peers' search
// measurement on an in-process server with a 10 000-message INBOX
// (go test -bench SortThreadSearch -cpuprofile to see where it goes).
// CORVUS_BENCH_MESSAGES sets another size, e.g. bench/peers' 100000.
func BenchmarkSortThreadSearch(b *testing.B) {
	n := 10_000
	if v := os.Getenv("CORVUS_BENCH_MESSAGES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("CORVUS_BENCH_MESSAGES=%q: want a positive number", v)
		}
	}
	e := newEnv(b, nil)
	c := e.dial()
	c.login("alice")
	fillThreaded(c, n)
	c.mustOK("SELECT INBOX")
	for _, cmd := range []string{
		"UID SORT (DATE) UTF-8 ALL", "UID SORT (REVERSE ARRIVAL) UTF-8 ALL", "UID SORT (SUBJECT) UTF-8 ALL",
		"UID SORT (FROM) UTF-8 ALL", "UID THREAD REFERENCES UTF-8 ALL", "UID THREAD ORDEREDSUBJECT UTF-8 ALL",
		`UID SEARCH FROM "person 7"`, `UID SEARCH SUBJECT "topic 77"`, `UID SEARCH BODY "number 12"`,
		"UID SEARCH SINCE 10-Feb-2026", "UID SEARCH UNSEEN", "UID SEARCH RETURN (COUNT) UNSEEN",
	} {
		b.Run(strings.Fields(cmd)[1]+"_"+strings.Fields(cmd)[2], func(b *testing.B) {
			for b.Loop() {
				if l := c.mustOK(cmd); len(l) != 1 {
					b.Fatalf("%s: %d lines", cmd, len(l))
				}
			}
		})
	}
}

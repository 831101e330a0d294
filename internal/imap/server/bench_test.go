package server

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchMessage is a message of roughly 2–20 KB with a full envelope.
func benchMessage(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "From: Sender %d <sender%d@example.com>\r\nTo: Alice <alice@example.com>, bob@example.org\r\n", i, i)
	fmt.Fprintf(&b, "Cc: carol@example.net\r\nSubject: =?UTF-8?Q?Message_n=C2=B0_%d?= about things\r\n", i)
	fmt.Fprintf(&b, "Date: Mon, 7 Feb 1994 21:52:25 -0800\r\nMessage-ID: <%d@example.com>\r\n", i)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
	for range 2 + i%18 {
		b.WriteString(strings.Repeat("lorem ipsum dolor sit amet ", 37) + "\r\n")
	}
	return b.String()
}

// BenchmarkSessionLoop is one session of bench/imapload's loop against an
// in-process server (no master, no password hashing): LOGIN, SELECT of a
// 1000-message INBOX, FETCH 1:* (FLAGS ENVELOPE RFC822.SIZE), three
// BODY.PEEK[], STORE, SEARCH UNSEEN, LOGOUT. It shows where a session's
// CPU goes (go test -bench SessionLoop -cpuprofile).
func BenchmarkSessionLoop(b *testing.B) {
	e := newEnv(b, nil)
	c := e.dial()
	c.login("alice")
	for i := range 1000 {
		appendMsg(c, "INBOX", benchMessage(i))
	}
	c.mustOK("LOGOUT")
	b.ReportAllocs()
	start := cpuTime(b)
	n := 0
	for i := 0; b.Loop(); i++ {
		n++
		c := e.dial()
		c.login("alice")
		if l := c.mustOK("SELECT INBOX"); !hasLine(l, "* 1000 EXISTS") {
			b.Fatalf("SELECT: %q", l)
		}
		if l := c.mustOK("FETCH 1:* (FLAGS ENVELOPE RFC822.SIZE)"); len(l) != 1000 {
			b.Fatalf("FETCH: %d lines", len(l))
		}
		for j := range 3 {
			c.mustOK(fmt.Sprintf("UID FETCH %d BODY.PEEK[]", 1+(i*7+j*311)%1000))
		}
		c.mustOK(fmt.Sprintf(`STORE %d +FLAGS (\Seen)`, 1+(i*13)%1000))
		c.mustOK("SEARCH UNSEEN")
		c.mustOK("LOGOUT")
		c.c.Close()
	}
	// CPU time (server and client, all threads) rather than wall time
	// alone: it holds still when other processes share the CPUs.
	b.ReportMetric(float64((cpuTime(b)-start).Microseconds())/1000/float64(n), "cpu-ms/op")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

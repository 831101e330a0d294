package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// The message pool: fixed seed, sizes uniform over 2–100 KB as the issue
// asks, generated before any timing.
const (
	seed     = 7
	poolSize = 256
	minSize  = 2 * 1024
	maxSize  = 100 * 1024
)

// pool returns n messages, already dot-stuffed, without a Message-ID:
// each send puts a unique one in front (see sender.send), so duplicate
// suppression never drops a delivery and no two stored messages are the
// same bytes. It is a deterministic function of n.
func pool(n int) [][]byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([][]byte, n)
	for i := range n {
		out[i] = stuff(message(rng, i, messageSize(rng)))
	}
	return out
}

// messageSize draws a size from [minSize, maxSize], uniformly.
func messageSize(rng *rand.Rand) int {
	return minSize + rng.IntN(maxSize-minSize+1)
}

// message builds a plain-text RFC 5322 message of exactly size bytes
// (before stuffing), ending in CRLF. About one body line in 40 starts
// with a period, so dot-stuffing is exercised on every run.
func message(rng *rand.Rand, n, size int) []byte {
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute)
	var b strings.Builder
	b.Grow(size + 128)
	fmt.Fprintf(&b, "Date: %s\r\n", date.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "From: Sender %d <sender%d@example.org>\r\n", n%37, n%37)
	b.WriteString("To: Bench Users <users@lmtpload.example>\r\n")
	fmt.Fprintf(&b, "Subject: delivery %d about %s\r\n", n, words[rng.IntN(len(words))])
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
	for b.Len() < size {
		if rng.IntN(40) == 0 {
			b.WriteString(". ")
		}
		for line := 0; line < 70; {
			w := words[rng.IntN(len(words))]
			b.WriteString(w)
			b.WriteByte(' ')
			line += len(w) + 1
		}
		b.WriteString("\r\n")
	}
	return fit([]byte(b.String()), size)
}

// fit cuts msg (at least size bytes long) to exactly size bytes ending in
// CRLF, never leaving a bare CR before it.
func fit(msg []byte, size int) []byte {
	out := append([]byte(nil), msg[:size-2]...)
	if n := len(out); n > 0 && out[n-1] == '\r' {
		out[n-1] = 'x'
	}
	return append(out, '\r', '\n')
}

var words = strings.Fields(`mail server queue partition worker mailbox flag
envelope recipient sender delivery spool fsync quota sieve duplicate
master raven corvus lmtp transaction single instance store`)

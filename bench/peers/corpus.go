package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// seed fixes every generated message, so each server gets the same bytes.
const seed = 9

// message builds a plain-text RFC 5322 message of exactly size bytes
// (size ≥ 512), ending in CRLF, distinct per n, with real headers for the
// servers' envelope parsers. About one body line in 40 starts with a
// period, so LMTP's dot-stuffing is exercised.
func message(rng *rand.Rand, n, size int) []byte {
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute)
	var b strings.Builder
	b.Grow(size + 128)
	fmt.Fprintf(&b, "Date: %s\r\n", date.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "From: Sender %d <sender%d@example.org>\r\n", n%37, n%37)
	b.WriteString("To: Bench Users <users@peers.example>\r\n")
	fmt.Fprintf(&b, "Subject: message %d about %s\r\n", n, words[rng.IntN(len(words))])
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

// withID puts a Message-ID header in front of msg, for APPENDed messages
// (LMTP deliveries get theirs from lmtpConn.deliver).
func withID(msg []byte, id string) []byte {
	return append([]byte("Message-ID: <"+id+"@peers.example>\r\n"), msg...)
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

// stuff returns msg as LMTP's DATA sends it (RFC 5321 §4.5.2): a period
// that starts a line gets another in front, and the text ends in CRLF so
// that ".\r\n" after it is the terminator.
func stuff(msg []byte) []byte {
	out := make([]byte, 0, len(msg)+len(msg)/64+2)
	bol := true
	for i, c := range msg {
		if bol && c == '.' {
			out = append(out, '.')
		}
		out = append(out, c)
		bol = c == '\n' && i > 0 && msg[i-1] == '\r'
	}
	if n := len(out); n < 2 || out[n-2] != '\r' || out[n-1] != '\n' {
		out = append(out, '\r', '\n')
	}
	return out
}

// sizeBetween draws a size from [lo, hi] uniformly.
func sizeBetween(rng *rand.Rand, lo, hi int) int { return lo + rng.IntN(hi-lo+1) }

// lmtpPool returns n dot-stuffed messages of 2–100 KB, as issue 9 asks,
// made before any timing; a deterministic function of n.
func lmtpPool(n int) [][]byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([][]byte, n)
	for i := range n {
		out[i] = stuff(message(rng, i, sizeBetween(rng, 2<<10, 100<<10)))
	}
	return out
}

var words = strings.Fields(`mail server queue partition worker mailbox flag
envelope literal fetch store search append select logout session prefork
master raven corvus delivery quota annotation modseq uid validity sieve`)

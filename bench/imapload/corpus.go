package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// seed fixes the generated mailbox, so every run measures the same data.
const seed = 4

// message builds an RFC 5322 message of about size bytes with a plain
// text body, distinct per n, so the envelope and body parsers have real
// headers to work on.
func message(rng *rand.Rand, n, size int) []byte {
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute)
	var b strings.Builder
	fmt.Fprintf(&b, "Date: %s\r\n", date.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "From: Sender %d <sender%d@example.org>\r\n", n%37, n%37)
	fmt.Fprintf(&b, "To: Bench User <bench@example.org>\r\n")
	fmt.Fprintf(&b, "Subject: load message %d about %s\r\n", n, words[rng.IntN(len(words))])
	fmt.Fprintf(&b, "Message-ID: <%d.%d@imapload.example>\r\n", n, rng.Uint32())
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
	for b.Len() < size {
		line := 0
		for line < 70 {
			w := words[rng.IntN(len(words))]
			b.WriteString(w)
			b.WriteByte(' ')
			line += len(w) + 1
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

var words = strings.Fields(`mail server queue partition worker mailbox flag
envelope literal fetch store search append select logout session prefork
master raven corvus delivery quota annotation modseq uid validity`)

// fit cuts msg to exactly size bytes (size ≥ 2) ending in CRLF, never
// leaving a bare CR behind.
func fit(msg []byte, size int) []byte {
	for len(msg) < size {
		msg = append(msg, 'x')
	}
	out := append([]byte(nil), msg[:size-2]...)
	if n := len(out); n > 0 && out[n-1] == '\r' {
		out[n-1] = 'x'
	}
	return append(out, '\r', '\n')
}

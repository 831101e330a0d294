package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/bench/wireline"
)

// Bounds on what a server may send, so a confused one cannot make the
// client buffer without end.
const (
	maxLine    = 8 << 20 // a SORT or THREAD of 100 000 messages is one line of ~1 MB
	maxLiteral = 64 << 20
)

// imapReply is what a server sent for one tagged command: its untagged
// responses (a literal's bytes are counted and dropped, its "{n}" stays in
// the text) and the tagged status.
type imapReply struct {
	untagged     []string
	literalBytes int
	status       string // OK, NO or BAD
	text         string
}

// readIMAPReply reads responses until the one tagged tag (RFC 9051 §7).
// With cont set, a continuation request "+ …" also ends it (ok true), for
// a command that sends a literal next.
func readIMAPReply(br *bufio.Reader, tag string, cont bool) (r imapReply, ok bool, err error) {
	for {
		line, lit, err := readResponse(br)
		r.literalBytes += lit
		if err != nil {
			return r, false, err
		}
		switch {
		case cont && (line == "+" || strings.HasPrefix(line, "+ ")):
			return r, true, nil
		case strings.HasPrefix(line, "* "):
			r.untagged = append(r.untagged, line[2:])
		case strings.HasPrefix(line, tag+" "):
			st, text, _ := strings.Cut(line[len(tag)+1:], " ")
			r.status, r.text = strings.ToUpper(st), text
			if r.status == "" {
				return r, false, fmt.Errorf("tagged reply %q without a status", wireline.Short(line))
			}
			return r, false, nil
		default:
			return r, false, fmt.Errorf("unexpected line %q waiting for tag %s", wireline.Short(line), tag)
		}
	}
}

// readResponse reads one whole response: a line and, while it ends in a
// literal announcement "{n}" (RFC 9051 §4.3), the n bytes and the line
// after them. It returns the text without CRLF or literal contents and
// how many literal bytes it skipped.
func readResponse(br *bufio.Reader) (string, int, error) {
	var b strings.Builder
	skipped := 0
	for {
		line, err := wireline.Read(br, maxLine)
		if err != nil {
			return b.String(), skipped, err
		}
		b.WriteString(line)
		n, ok := literalSize(line)
		if !ok {
			return b.String(), skipped, nil
		}
		if n > maxLiteral {
			return b.String(), skipped, fmt.Errorf("literal of %d bytes is over %d", n, maxLiteral)
		}
		if _, err := br.Discard(n); err != nil {
			return b.String(), skipped, fmt.Errorf("read literal of %d bytes: %w", n, err)
		}
		skipped += n
	}
}

// literalSize reports whether line ends in a literal announcement "{n}"
// (or BINARY's "~{n}", which ends the same way) and its n.
func literalSize(line string) (int, bool) {
	if !strings.HasSuffix(line, "}") {
		return 0, false
	}
	open := strings.LastIndexByte(line, '{')
	if open < 0 {
		return 0, false
	}
	digits := line[open+1 : len(line)-1]
	if !allDigits(digits) || len(digits) > 10 {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	return n, err == nil
}

// allDigits reports whether s is one or more ASCII digits (ParseUint
// alone would also take "+1").
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// searchNumbers returns the numbers of the untagged SEARCH responses.
func searchNumbers(untagged []string) ([]uint32, error) {
	var out []uint32
	for _, u := range untagged {
		f := strings.Fields(u)
		if len(f) == 0 || !strings.EqualFold(f[0], "SEARCH") {
			continue
		}
		for _, s := range f[1:] {
			n, err := strconv.ParseUint(s, 10, 32)
			if err != nil {
				return nil, fmt.Errorf("SEARCH response %q: %w", wireline.Short(u), err)
			}
			out = append(out, uint32(n))
		}
	}
	return out, nil
}

// countFetch counts the untagged FETCH responses ("n FETCH (…)").
func countFetch(untagged []string) int {
	n := 0
	for _, u := range untagged {
		f := strings.SplitN(u, " ", 3)
		if len(f) >= 2 && strings.EqualFold(f[1], "FETCH") {
			n++
		}
	}
	return n
}

// parseExists reads an untagged EXISTS response, "* 23 EXISTS" (RFC 9051
// §7.4.1), and returns its count; any other line is not one.
func parseExists(line string) (uint32, bool) {
	rest, ok := strings.CutPrefix(line, "* ")
	if !ok {
		return 0, false
	}
	num, word, ok := strings.Cut(rest, " ")
	if !ok || !strings.EqualFold(word, "EXISTS") || !allDigits(num) {
		return 0, false
	}
	n, err := strconv.ParseUint(num, 10, 32)
	if err != nil {
		return 0, false
	}
	return uint32(n), true
}

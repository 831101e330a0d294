package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/bench/wireline"
)

// maxLine bounds one response line, so a confused server cannot make the
// client buffer without end.
const maxLine = 1 << 20

// maxLiteral bounds one literal in a response.
const maxLiteral = 64 << 20

// reply is everything a server sent for one tagged command: the untagged
// responses (a literal's bytes are counted and dropped; its "{n}" stays in
// the text) and the tagged status.
type reply struct {
	untagged     []string
	literalBytes int
	status       string // OK, NO or BAD
	text         string // after the status
}

// readReply reads responses until the one tagged tag (RFC 9051 §7: a
// command ends with its tagged status response). A "+" continuation
// request is an error here: callers that send literals use readContinue.
func readReply(br *bufio.Reader, tag string) (reply, error) {
	var r reply
	for {
		line, lit, err := readResponse(br)
		r.literalBytes += lit
		if err != nil {
			return r, err
		}
		switch {
		case strings.HasPrefix(line, "* "):
			// An untagged BYE (LOGOUT's, or a server going away) is
			// kept; the tagged reply or EOF that follows tells the rest.
			r.untagged = append(r.untagged, line[2:])
		case strings.HasPrefix(line, tag+" "):
			st, text, _ := strings.Cut(line[len(tag)+1:], " ")
			r.status, r.text = strings.ToUpper(st), text
			if r.status == "" {
				return r, fmt.Errorf("tagged reply %q without a status", wireline.Short(line))
			}
			return r, nil
		default:
			return r, fmt.Errorf("unexpected line %q waiting for tag %s", wireline.Short(line), tag)
		}
	}
}

// readContinue reads until the server asks for a literal ("+ …"); a tagged
// reply instead (a refused APPEND) is returned with ok false.
func readContinue(br *bufio.Reader, tag string) (r reply, ok bool, err error) {
	for {
		line, lit, err := readResponse(br)
		r.literalBytes += lit
		if err != nil {
			return r, false, err
		}
		switch {
		case line == "+" || strings.HasPrefix(line, "+ "):
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
			return r, false, fmt.Errorf("unexpected line %q waiting for a continuation", wireline.Short(line))
		}
	}
}

// readResponse reads one whole response: a line, and while it ends in a
// literal announcement "{n}" (RFC 9051 §4.3; also "~{n}" of BINARY), the
// n bytes and the line that follows them. It returns the text without
// CRLF and literal contents, and how many literal bytes it skipped.
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

// literalSize reports whether line ends with a literal announcement
// "{n}" and its n. The non-synchronizing form "{n+}" is client-only.
func literalSize(line string) (int, bool) {
	if !strings.HasSuffix(line, "}") {
		return 0, false
	}
	open := strings.LastIndexByte(line, '{')
	if open < 0 {
		return 0, false
	}
	digits := line[open+1 : len(line)-1]
	if digits == "" || len(digits) > 10 {
		return 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(digits)
	if err != nil {
		return 0, false
	}
	return n, true
}

// searchNumbers returns the numbers of the untagged SEARCH responses
// (RFC 9051 §7.3.5 keeps "* SEARCH" for IMAP4rev1 clients).
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

// countFetch counts the untagged FETCH responses ("* n FETCH (…)").
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

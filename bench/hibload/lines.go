package main

import (
	"strconv"
	"strings"
)

// lineKind is what a line the server sent a session means to the
// benchmark.
type lineKind int

const (
	lineOther  lineKind = iota // anything the benchmark does not wait for
	lineExists                 // "* n EXISTS"
	lineRecent                 // "* n RECENT"
	lineTagged                 // "tag OK|NO|BAD ..."
	lineBye                    // "* BYE ..."
	lineCont                   // "+ ..." (continuation request)
)

// serverLine is one line parsed: its kind, the number of EXISTS or
// RECENT, and the tag and status word of a tagged reply.
type serverLine struct {
	kind   lineKind
	n      uint32
	tag    string
	status string // upper case: OK, NO or BAD
}

// parseLine classifies one response line (RFC 9051 §7: untagged "* ",
// continuation "+", else tagged). Atoms are case-insensitive (§4.1);
// numbers are unsigned 32-bit decimals (§4.2). A tagged line whose status
// is not OK, NO or BAD is lineOther.
func parseLine(line string) serverLine {
	if strings.HasPrefix(line, "+") {
		return serverLine{kind: lineCont}
	}
	if rest, ok := strings.CutPrefix(line, "* "); ok {
		return parseUntagged(rest)
	}
	tag, rest, ok := strings.Cut(line, " ")
	if !ok || tag == "" || tag == "*" {
		return serverLine{}
	}
	word, _, _ := strings.Cut(rest, " ")
	switch st := strings.ToUpper(word); st {
	case "OK", "NO", "BAD":
		return serverLine{kind: lineTagged, tag: tag, status: st}
	}
	return serverLine{}
}

// parseUntagged reads the part of an untagged line after "* ".
func parseUntagged(rest string) serverLine {
	first, more, _ := strings.Cut(rest, " ")
	if strings.EqualFold(first, "BYE") {
		return serverLine{kind: lineBye}
	}
	word, _, _ := strings.Cut(more, " ")
	var kind lineKind
	switch {
	case strings.EqualFold(word, "EXISTS") && len(word) == len(more):
		kind = lineExists
	case strings.EqualFold(word, "RECENT") && len(word) == len(more):
		kind = lineRecent
	default:
		return serverLine{}
	}
	if !allDigits(first) {
		return serverLine{}
	}
	n, err := strconv.ParseUint(first, 10, 32)
	if err != nil {
		return serverLine{}
	}
	return serverLine{kind: kind, n: uint32(n)}
}

// allDigits reports whether s is one or more ASCII digits: ParseUint
// alone would also take "+1".
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

package main

import (
	"strconv"
	"strings"
)

// parseExists reads an untagged EXISTS response, "* 23 EXISTS" (RFC 9051
// §7.4.1), and returns its message count. Atoms are case-insensitive
// (RFC 9051 §4.1), the number is an unsigned 32-bit decimal (§4.2); any
// other line, FETCH and RECENT included, is not one.
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

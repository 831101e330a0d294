// Package textmatch is the text comparison of IMAP SEARCH: the
// case-insensitive substring test RFC 9051 §6.4.4 asks for, shared by the
// IMAP server's evaluator and the store, which answers envelope keys
// itself.
package textmatch

import "strings"

// ContainsFold is IMAP SEARCH's case-insensitive substring test (RFC
// 9051 §6.4.4). An ASCII sub, the usual case, is looked for without copying s: a body
// search calls this on every message's text.
func ContainsFold(s, sub string) bool {
	if sub == "" {
		return true
	}
	if !isASCII(sub) {
		return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
	}
	end := len(s) - len(sub) + 1 // candidate starts are below end
	if end <= 0 {
		return false
	}
	starts := newByteCursor(s[:end], lowerASCII(sub[0]), upperASCII(sub[0]))
	for i := starts.next(); i >= 0; i = starts.next() {
		if asciiEqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// The ASCII helpers of ContainsFold.

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// byteCursor yields, in order, the positions in s of either of two bytes
// (a letter in both cases). Each byte's next position is looked up only
// once the previous one is used, so the scan stays linear however rare
// one of them is.
type byteCursor struct {
	s      string
	b      [2]byte
	at     [2]int // next position of b[k]; -1 none left; -2 not looked up
	cursor int
}

func newByteCursor(s string, a, b byte) *byteCursor {
	return &byteCursor{s: s, b: [2]byte{a, b}, at: [2]int{-2, -2}}
}

// next is the next position, -1 at the end.
func (c *byteCursor) next() int {
	for k := range c.at {
		if c.at[k] == -2 {
			c.at[k] = -1
			if j := strings.IndexByte(c.s[c.cursor:], c.b[k]); j >= 0 {
				c.at[k] = c.cursor + j
			}
		}
	}
	k := 0
	if c.at[0] < 0 || (c.at[1] >= 0 && c.at[1] < c.at[0]) {
		k = 1
	}
	p := c.at[k]
	if p < 0 {
		return -1
	}
	c.cursor = p + 1
	for q := range c.at {
		if c.at[q] == p {
			c.at[q] = -2 // used (both, when the two bytes are one)
		}
	}
	return p
}

// asciiEqualFold compares s with the ASCII string sub, folding ASCII
// letters only: a non-ASCII byte of s never equals one of sub.
func asciiEqualFold(s, sub string) bool {
	for i := range len(sub) {
		if lowerASCII(s[i]) != lowerASCII(sub[i]) {
			return false
		}
	}
	return true
}

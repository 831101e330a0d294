package cyrusconf

import (
	"bytes"
	"iter"
	"strings"
)

// maxLineLen is the longest line accepted. As Cyrus: lines are read into a
// 4 KB buffer, and a longer one would be cut in two.
const maxLineLen = 4096

// srcLine is one line of the file, with what Cyrus looks at separated from
// its comment.
type srcLine struct {
	file  string
	num   int    // 1-based line number
	start int    // byte offset of the line's first byte in the file
	full  string // the line without its newline
	text  string // full up to the first '#'
	hash  int    // index of the first '#' in full, or -1
}

// splitLines yields the lines of src. As Cyrus: the comment starts at the
// first '#' on the line wherever it is, even inside a quoted value.
func splitLines(src []byte, file string) iter.Seq[*srcLine] {
	return func(yield func(*srcLine) bool) {
		start := 0
		for num := 1; start < len(src); num++ {
			end := len(src)
			if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
				end = start + i
			}
			l := &srcLine{file: file, num: num, start: start, full: string(src[start:end]), hash: -1}
			l.text = l.full
			if i := strings.IndexByte(l.full, '#'); i >= 0 {
				l.hash, l.text = i, l.full[:i]
			}
			if !yield(l) {
				return
			}
			start = end + 1
		}
	}
}

// isSpace is C's isspace in the C locale, which Cyrus uses to split lines.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// isAlnum is C's isalnum in the C locale: names and keys are ASCII only.
func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isDigit reports whether c is an ASCII decimal digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// skipSpace returns the index of the first non-space byte of s at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// trimEnd returns the length of s without its trailing space.
func trimEnd(s string) int {
	n := len(s)
	for n > 0 && isSpace(s[n-1]) {
		n--
	}
	return n
}

// splitArgv splits a cmd= value into argv on whitespace. As Cyrus: there is
// no quoting inside the command.
func splitArgv(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) })
}

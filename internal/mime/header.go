package mime

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// field is one header field as it lies in the raw message.
type field struct {
	name       []byte // field name, without the colon and obsolete WSP before it
	value      []byte // raw value: after the colon up to the end of its last line
	start, end int    // the field's lines in raw, end after the last line break
}

// scanHeader walks the header that starts at start, calling fn (if not
// nil) for every field, and returns where the body starts.
//
// RFC 5322 §2.1: the header ends at the first empty line, which belongs to
// the header. Broken mail often has no empty line, so the header also ends
// before the first line that is neither a field nor a continuation; the
// body then starts with that line. A part that begins with an empty line or
// a non-field line has an empty header.
func scanHeader(raw []byte, start, end int, fn func(field)) int {
	pos := start
	cur := field{start: -1}
	for pos < end {
		eol := lineEnd(raw, pos, end)
		line := raw[pos:eol]
		if isBlankLine(line) {
			emit(fn, cur)
			return eol
		}
		if line[0] == ' ' || line[0] == '\t' {
			if cur.start < 0 {
				return pos // a continuation with nothing to continue
			}
			cur.value = raw[cur.end-len(cur.value) : eol]
			cur.end = eol
			pos = eol
			continue
		}
		name, colon := fieldName(line)
		if colon < 0 {
			emit(fn, cur)
			return pos
		}
		emit(fn, cur)
		cur = field{name: name, value: raw[pos+colon+1 : eol], start: pos, end: eol}
		pos = eol
	}
	emit(fn, cur)
	return end
}

func emit(fn func(field), f field) {
	if fn != nil && f.start >= 0 {
		fn(f)
	}
}

// lineEnd returns the index just after the line break of the line that
// starts at pos, or end if the line has none.
func lineEnd(raw []byte, pos, end int) int {
	if i := bytes.IndexByte(raw[pos:end], '\n'); i >= 0 {
		return pos + i + 1
	}
	return end
}

// isBlankLine reports whether line (with its break) is empty; a lone CR at
// the very end of the data counts too.
func isBlankLine(line []byte) bool {
	switch len(line) {
	case 1:
		return line[0] == '\n' || line[0] == '\r'
	case 2:
		return line[0] == '\r' && line[1] == '\n'
	}
	return false
}

// fieldName returns the name of the field on line and the index of its
// colon, or -1 if line is not a field. RFC 5322 §3.6.8: a name is printable
// US-ASCII except colon; §4.5.8 (obsolete syntax) allows WSP before it.
func fieldName(line []byte) ([]byte, int) {
	for i, c := range line {
		switch {
		case c == ':':
			if i == 0 {
				return nil, -1
			}
			return line[:i], i
		case c == ' ' || c == '\t':
			j := i
			for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
				j++
			}
			if i == 0 || j == len(line) || line[j] != ':' {
				return nil, -1
			}
			return line[:i], j
		case c < 33 || c > 126:
			return nil, -1
		}
	}
	return nil, -1
}

// unfold returns a field value on one line (RFC 5322 §2.2.3: the line
// breaks of folding are removed, the whitespace after them kept), trimmed,
// and cut to at most max bytes so a huge header costs bounded memory.
func unfold(v []byte, max int) string {
	v = bytes.TrimLeft(v, " \t")
	if len(v) > max {
		v = trimPartialRune(v[:max])
	}
	if bytes.IndexByte(v, '\n') < 0 && bytes.IndexByte(v, '\r') < 0 {
		return string(bytes.TrimRight(v, " \t"))
	}
	var sb strings.Builder
	sb.Grow(len(v))
	for _, c := range v {
		if c != '\r' && c != '\n' {
			sb.WriteByte(c)
		}
	}
	return strings.TrimRight(sb.String(), " \t")
}

// trimPartialRune drops an incomplete UTF-8 sequence that a cut left at
// the end of b, so a truncated UTF-8 value is not mistaken for 8-bit
// legacy text.
func trimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if b[i]&0xC0 != 0x80 { // the start of the last sequence
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// fieldIs compares a field name with a name in any case (RFC 5322 §1.2.2:
// field names are case-insensitive).
func fieldIs(b []byte, name string) bool {
	if len(b) != len(name) {
		return false
	}
	for i := 0; i < len(b); i++ {
		x, y := b[i], name[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

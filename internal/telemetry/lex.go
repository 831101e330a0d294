package telemetry

import "bytes"

// The lexing here is deliberately more lenient than any IMAP or LMTP parser:
// it must find credentials in whatever a client sends, well-formed or not,
// and never panic. Positions are indexes into the buffer being scanned.

// maxLiteral caps a literal length read from the wire, so that arithmetic
// on positions cannot overflow; no credential is that long.
const maxLiteral = 1 << 30

// isSpace reports the separators tolerated between arguments.
func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// isEOL reports the bytes that end a line.
func isEOL(c byte) bool { return c == '\r' || c == '\n' }

// skipSpaces returns the first position at or after i that is not a space.
func skipSpaces(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// atEOL reports whether i is past the buffer or at a line end.
func atEOL(b []byte, i int) bool { return i >= len(b) || isEOL(b[i]) }

// lineEnd returns the position of the CR or LF ending the line holding i,
// or len(b).
func lineEnd(b []byte, i int) int {
	for i < len(b) && !isEOL(b[i]) {
		i++
	}
	return i
}

// token returns the word starting at the first non-space at or after i:
// bytes up to a space or line end.
func token(b []byte, i int) (start, end int) {
	start = skipSpaces(b, i)
	end = start
	for end < len(b) && !isSpace(b[end]) && !isEOL(b[end]) {
		end++
	}
	return start, end
}

// isWord reports whether b[s:e] is word, ignoring ASCII case.
func isWord(b []byte, s, e int, word string) bool {
	return bytes.EqualFold(b[s:e], []byte(word))
}

// literal parses a literal header at i: "{n}", "{n+}" (LITERAL+), "{n-}"
// (LITERAL-) or "~{n}" (literal8), then CRLF or a bare LF. It returns where
// the literal's content starts and its length. complete is false when the
// buffer ends inside the header; ok is false when i holds no literal header.
func literal(b []byte, i int) (start, n int, complete, ok bool) {
	if i < len(b) && b[i] == '~' {
		i++
	}
	if i >= len(b) {
		return 0, 0, false, i > 0 && b[i-1] == '~'
	}
	if b[i] != '{' {
		return 0, 0, false, false
	}
	i++
	digits := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		n = min(n*10+int(b[i]-'0'), maxLiteral)
		digits++
	}
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	return literalEnd(b, i, n, digits)
}

// literalEnd finishes literal after the digits and the optional +/-.
func literalEnd(b []byte, i, n, digits int) (start, size int, complete, ok bool) {
	if i >= len(b) {
		return 0, 0, false, true
	}
	if digits == 0 || b[i] != '}' {
		return 0, 0, false, false
	}
	i++
	if i < len(b) && b[i] == '\r' {
		i++
	}
	if i >= len(b) {
		return 0, 0, false, true
	}
	if b[i] != '\n' {
		return 0, 0, false, false
	}
	return i + 1, n, true, true
}

// quoted scans a quoted string whose opening quote is at i. It returns the
// content's end and the position after the closing quote; closed is false
// when the line or buffer ends first (then both are that end).
func quoted(b []byte, i int) (contentEnd, next int, closed bool) {
	for i++; i < len(b) && !isEOL(b[i]); i++ {
		switch b[i] {
		case '\\':
			if i+1 < len(b) && !isEOL(b[i+1]) {
				i++
			}
		case '"':
			return i, i + 1, true
		}
	}
	return i, i, false
}

package wire

import (
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"
)

// maxQuoted is the longest string sent quoted; longer ones go as
// literals, which cost a client nothing to parse.
const maxQuoted = 1024

// Atom appends s, which the caller guarantees is an atom (a keyword, a
// capability name, a flag without the backslash problem).
func (w *Writer) Atom(s string) { w.Raw(s) }

// Str appends s as a string (RFC 9051 §9 string), quoted when that is
// possible: no CR, LF or NUL, 8-bit only as valid UTF-8 in a UTF-8
// session, at most maxQuoted octets; otherwise as a literal.
func (w *Writer) Str(s string) {
	if w.quotable(s) {
		w.quoted(s)
		return
	}
	w.Literal([]byte(s))
}

// AString appends s as an astring: bare if it is a non-empty run of
// ASTRING-CHAR other than NIL, else as Str.
func (w *Writer) AString(s string) {
	if isAstringToken(s) {
		w.Raw(s)
		return
	}
	w.Str(s)
}

// NStr appends s as an nstring, with "" as NIL: for envelope and body
// structure fields, where an absent value and an empty one are the same.
func (w *Writer) NStr(s string) {
	if s == "" {
		w.NIL()
		return
	}
	w.Str(s)
}

// MailboxName appends a mailbox name already in its wire form (modified
// UTF-7, or UTF-8 in a UTF8=ACCEPT session) as an astring.
func (w *Writer) MailboxName(name string) { w.AString(name) }

// Literal appends b as a literal "{n}" CRLF octets (literal8 "~{n}" if it
// contains NUL, RFC 3516, which only a BINARY item may carry).
func (w *Writer) Literal(b []byte) {
	w.literalHeader(int64(len(b)), bytes.IndexByte(b, 0) >= 0)
	if len(b) > autoFlushSize {
		// Sent as it is rather than copied: b may be a mapped message
		// of any size.
		w.Flush()
		w.emit(b)
		return
	}
	w.buf = append(w.buf, b...)
	w.maybeFlush()
}

// LiteralFrom appends a literal of size octets read from r, streamed to
// the connection rather than buffered; binary sends it as literal8. A
// short r is a failure of the caller's data and leaves the connection
// out of step: the error is sticky.
func (w *Writer) LiteralFrom(r io.Reader, size int64, binary bool) error {
	w.literalHeader(size, binary)
	w.Flush()
	if w.err != nil {
		return w.err
	}
	buf := make([]byte, min(size, 32<<10))
	for size > 0 {
		n, err := io.ReadFull(r, buf[:min(size, int64(len(buf)))])
		w.emit(buf[:n])
		size -= int64(n)
		if err != nil && w.err == nil {
			w.err = io.ErrUnexpectedEOF
		}
		if w.err != nil {
			return w.err
		}
	}
	return nil
}

func (w *Writer) literalHeader(n int64, binary bool) {
	if binary {
		w.buf = append(w.buf, '~')
	}
	w.buf = append(w.buf, '{')
	w.buf = strconv.AppendInt(w.buf, n, 10)
	w.buf = append(w.buf, '}', '\r', '\n')
}

// quotable reports whether s may go as a quoted string.
func (w *Writer) quotable(s string) bool {
	if len(s) > maxQuoted {
		return false
	}
	eight := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 0 || c == '\r' || c == '\n':
			return false
		case c >= 0x80:
			eight = true
		}
	}
	return !eight || (w.utf8 && utf8.ValidString(s))
}

// quoted appends DQUOTE s DQUOTE with quoted-specials escaped.
func (w *Writer) quoted(s string) {
	w.buf = append(w.buf, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			w.buf = append(w.buf, '\\')
		}
		w.buf = append(w.buf, s[i])
	}
	w.buf = append(w.buf, '"')
}

// isAstringToken: 1*ASTRING-CHAR and not NIL, which a client parsing an
// nstring would take for NIL.
func isAstringToken(s string) bool {
	if s == "" || len(s) > maxQuoted || (len(s) == 3 && upper(s) == "NIL") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAstringChar(s[i]) {
			return false
		}
	}
	return true
}

// FlagList appends "(" flag *(SP flag) ")".
func (w *Writer) FlagList(flags []imap.Flag) {
	w.Raw("(")
	for i, f := range flags {
		if i > 0 {
			w.SP()
		}
		w.flag(f)
	}
	w.Raw(")")
}

// flag appends a flag; one that is not "\"atom or atom (it came from the
// store, not the wire) is dropped to an atom-safe form rather than break
// the line's syntax.
func (w *Writer) flag(f imap.Flag) {
	s := string(f)
	body := s
	if len(s) > 0 && s[0] == '\\' {
		body = s[1:]
	}
	ok := body != "" || s == `\*`
	for i := 0; i < len(body) && ok; i++ {
		ok = isAtomChar(body[i]) || (s == `\*`)
	}
	if !ok {
		s = "$Invalid"
	}
	w.Raw(s)
}

// numList appends numbers separated by SP.
func (w *Writer) numList(nums []uint32) {
	for i, n := range nums {
		if i > 0 {
			w.SP()
		}
		w.Number(uint64(n))
	}
}

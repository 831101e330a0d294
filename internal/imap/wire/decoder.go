package wire

import (
	"bytes"
	"fmt"
)

// Decoder reads a command's arguments. Each method consumes one grammar
// element or returns a *SyntaxError (carrying the command's tag) and
// leaves the position unspecified; parsing stops at the first error.
// Strings returned are copies: they outlive the Command.
type Decoder struct {
	cmd  *Command
	text []byte
	pos  int
	lit  int // index of the next literal not yet consumed
}

// Command returns the command being decoded.
func (d *Decoder) Command() *Command { return d.cmd }

// errorf returns a syntax error for the command being decoded.
func (d *Decoder) errorf(format string, args ...any) *SyntaxError {
	return &SyntaxError{Tag: d.cmd.Tag, Reason: fmt.Sprintf(format, args...)}
}

// limit is where plain text ends: the next literal's header or the end.
// No scan may run past it, or a quoted string could swallow a literal.
func (d *Decoder) limit() int {
	if d.lit < len(d.cmd.lits) {
		return d.cmd.lits[d.lit].start
	}
	return len(d.text)
}

// AtEnd reports whether all arguments have been consumed.
func (d *Decoder) AtEnd() bool { return d.pos >= len(d.text) }

// End checks that all arguments have been consumed.
func (d *Decoder) End() error {
	if !d.AtEnd() {
		return d.errorf("unexpected extra arguments")
	}
	return nil
}

// Peek returns the next octet, or 0 at the end.
func (d *Decoder) Peek() byte {
	if d.pos >= len(d.text) {
		return 0
	}
	return d.text[d.pos]
}

// Consume consumes c if it is next, and reports whether it did.
func (d *Decoder) Consume(c byte) bool {
	if d.Peek() == c && !d.AtEnd() {
		d.pos++
		return true
	}
	return false
}

// Expect consumes c or fails.
func (d *Decoder) Expect(c byte) error {
	if !d.Consume(c) {
		return d.errorf("expected %q", c)
	}
	return nil
}

// SP consumes one space.
func (d *Decoder) SP() error {
	if !d.Consume(' ') {
		return d.errorf("expected SP")
	}
	return nil
}

// ConsumeFold consumes word (ASCII, any case) if it comes next and is not
// followed by another atom character, and reports whether it did.
func (d *Decoder) ConsumeFold(word string) bool {
	end := d.pos + len(word)
	if end > d.limit() || !bytes.EqualFold(d.text[d.pos:end], []byte(word)) {
		return false
	}
	if end < d.limit() && isAtomChar(d.text[end]) {
		return false
	}
	d.pos = end
	return true
}

// keyword reads a run of letters, digits, '.', '-' and '=' upper-cased:
// the names of search keys, fetch items and options. It stops before '['
// and '<', which ATOM-CHAR would let in.
func (d *Decoder) keyword() string {
	start, lim := d.pos, d.limit()
	for d.pos < lim && isKeywordChar(d.text[d.pos]) {
		d.pos++
	}
	return string(bytes.ToUpper(d.text[start:d.pos]))
}

func isKeywordChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '.' || c == '-' || c == '=' || c == '_'
}

// ParenList reads "(" item *(SP item) ")" calling item for each; with
// allowEmpty, "()" is accepted too.
func (d *Decoder) ParenList(allowEmpty bool, item func() error) error {
	if err := d.Expect('('); err != nil {
		return err
	}
	if d.Consume(')') {
		if !allowEmpty {
			return d.errorf("empty list")
		}
		return nil
	}
	for {
		if err := item(); err != nil {
			return err
		}
		if d.Consume(')') {
			return nil
		}
		if err := d.SP(); err != nil {
			return d.errorf("expected SP or \")\" in list")
		}
	}
}

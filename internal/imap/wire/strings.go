package wire

import "bytes"

// Atom reads an atom (1*ATOM-CHAR).
func (d *Decoder) Atom() (string, error) {
	start, lim := d.pos, d.limit()
	for d.pos < lim && isAtomChar(d.text[d.pos]) {
		d.pos++
	}
	if d.pos == start {
		return "", d.errorf("expected atom")
	}
	return string(d.text[start:d.pos]), nil
}

// Astring reads an astring: 1*ASTRING-CHAR or a string.
func (d *Decoder) Astring() (string, error) {
	b, err := d.AstringBytes()
	return string(b), err
}

// AstringBytes is Astring returning a copy of the raw octets.
func (d *Decoder) AstringBytes() ([]byte, error) {
	if d.Peek() == '"' || d.atLiteral() {
		return d.StrBytes()
	}
	start, lim := d.pos, d.limit()
	for d.pos < lim && isAstringChar(d.text[d.pos]) {
		d.pos++
	}
	if d.pos == start {
		return nil, d.errorf("expected astring")
	}
	return bytes.Clone(d.text[start:d.pos]), nil
}

// atLiteral reports whether a literal header starts here: "{", or "~{"
// (a literal8; "~" alone is an ordinary ASTRING-CHAR).
func (d *Decoder) atLiteral() bool {
	switch d.Peek() {
	case '{':
		return true
	case '~':
		return d.pos+1 < len(d.text) && d.text[d.pos+1] == '{'
	}
	return false
}

// Str reads a string: quoted or literal (RFC 9051 §9 string).
func (d *Decoder) Str() (string, error) {
	b, err := d.StrBytes()
	return string(b), err
}

// StrBytes is Str returning a copy of the raw octets.
func (d *Decoder) StrBytes() ([]byte, error) {
	if d.Peek() == '"' {
		return d.quoted()
	}
	lit, err := d.Literal(false)
	if err != nil {
		return nil, err
	}
	if lit.Streamed {
		return nil, d.errorf("literal too big for this argument")
	}
	// CHAR8 excludes NUL: only literal8 may carry it.
	if bytes.IndexByte(lit.Data, 0) >= 0 {
		return nil, d.errorf("NUL in literal")
	}
	return bytes.Clone(lit.Data), nil
}

// NString reads a string or NIL; isNil reports NIL.
func (d *Decoder) NString() (s string, isNil bool, err error) {
	if d.ConsumeFold("NIL") {
		return "", true, nil
	}
	s, err = d.Str()
	return s, false, err
}

// quoted reads DQUOTE *QUOTED-CHAR DQUOTE, undoing "\" escapes.
func (d *Decoder) quoted() ([]byte, error) {
	if err := d.Expect('"'); err != nil {
		return nil, err
	}
	var out []byte
	lim := d.limit()
	for d.pos < lim {
		c := d.text[d.pos]
		d.pos++
		switch {
		case c == '"':
			if out == nil {
				out = []byte{}
			}
			return out, nil
		case c == '\\':
			if d.pos >= lim || (d.text[d.pos] != '"' && d.text[d.pos] != '\\') {
				return nil, d.errorf("invalid escape in quoted string")
			}
			out = append(out, d.text[d.pos])
			d.pos++
		case isQuotedChar(c):
			out = append(out, c)
		default:
			return nil, d.errorf("invalid character in quoted string")
		}
	}
	return nil, d.errorf("unterminated quoted string")
}

// Literal reads a literal argument; binary allows literal8 ("~{n}", RFC
// 3516), which only APPEND takes. The returned Literal may be Streamed,
// in which case the caller (APPEND) finds its octets where the Literal
// hook put them.
func (d *Decoder) Literal(binary bool) (*Literal, error) {
	if d.lit >= len(d.cmd.lits) || d.cmd.lits[d.lit].start != d.pos {
		if d.atLiteral() {
			return nil, d.errorf("literal not at the end of a line")
		}
		return nil, d.errorf("expected string")
	}
	ref := &d.cmd.lits[d.lit]
	if ref.lit.Binary && !binary {
		return nil, d.errorf("literal8 not allowed here")
	}
	d.lit++
	d.pos = ref.end
	lit := ref.lit
	return &lit, nil
}

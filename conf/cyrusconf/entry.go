package cyrusconf

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// maxArgs is the most key=value arguments an entry may have (as Cyrus).
const maxArgs = 32

// arg is one key=value of an entry.
type arg struct {
	key, value     string
	keyRng, valRng hcl.Range // valRng excludes the quotes
}

// rawEntry is an entry line split into name and arguments, before its
// section gives the arguments meaning.
type rawEntry struct {
	name string
	rng  hcl.Range
	args []arg
}

// scanEntry splits the entry starting at l.text[i]. It returns nil after
// reporting a syntax error; closes reports a '}' that ends the section.
func (p *parser) scanEntry(l *srcLine, i int) (e *rawEntry, closes bool) {
	s := l.text
	j := i
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	if j == i || j < len(s) && !isSpace(s[j]) {
		p.errorf(l.span(j, j+1), "Bad character in name",
			"%s is not allowed in an entry name; a name is letters and digits, then a space.", quoteByte(s[j]))
		return nil, endsWithBrace(s[j:])
	}
	e = &rawEntry{name: s[i:j], rng: l.span(i, j)}
	for k := j; ; {
		k = skipSpace(s, k)
		switch {
		case k == len(s):
			return e, false
		case s[k] == '}':
			p.trailing(l, k+1)
			return e, true
		case len(e.args) == maxArgs:
			p.errorf(l.span(k, trimEnd(s)), "Too many arguments",
				"Cyrus allows at most %d arguments per entry.", maxArgs)
			return nil, endsWithBrace(s[k:])
		}
		a, next, closes, ok := p.scanArg(l, k)
		if !ok {
			return nil, endsWithBrace(s[k:])
		}
		e.args = append(e.args, a)
		if closes {
			p.trailing(l, next)
			return e, true
		}
		k = next
	}
}

// scanArg scans one key=value at l.text[k]; next is where scanning goes on
// and closes reports a '}' right after the value.
func (p *parser) scanArg(l *srcLine, k int) (a arg, next int, closes, ok bool) {
	s := l.text
	q := k
	for q < len(s) && isAlnum(s[q]) {
		q++
	}
	if q == k || q == len(s) || s[q] != '=' {
		rng := l.span(q, q+1)
		if q == len(s) { // a bare word: point at it, not at the line's end
			rng = l.span(k, q)
		}
		p.errorf(rng, "Bad character in argument", "%s", argDetail(s[k:q], s[q:]))
		return a, 0, false, false
	}
	a.key, a.keyRng = s[k:q], l.span(k, q)
	v := q + 1
	if v < len(s) && s[v] == '"' {
		return p.scanQuoted(l, a, v)
	}
	w := v
	for w < len(s) && !isSpace(s[w]) {
		w++
	}
	end := w
	// A value ending in '}' is taken as the section's end, so that
	// "prefork=0}" closes the section as "prefork=0 }" does.
	if end > v && s[end-1] == '}' {
		end, closes = end-1, true
	}
	a.value, a.valRng = s[v:end], l.span(v, end)
	return a, w, closes, true
}

// scanQuoted scans a quoted value whose opening quote is l.text[v]. As
// Cyrus: there are no escapes; the value ends at the next quote.
func (p *parser) scanQuoted(l *srcLine, a arg, v int) (arg, int, bool, bool) {
	s := l.text
	n := strings.IndexByte(s[v+1:], '"')
	if n < 0 {
		p.errorf(l.span(v, trimEnd(s)), "Missing closing quote",
			"The value of %s= opens a quote that is not closed on this line.", a.key)
		if l.hash >= 0 {
			p.warnf(l.span(l.hash, len(l.full)), "Comment inside quotes",
				"As in Cyrus, # starts a comment anywhere on a line, even inside a quoted value, so the value is cut short here.")
		}
		return a, 0, false, false
	}
	end := v + 1 + n
	a.value, a.valRng = s[v+1:end], l.span(v+1, end)
	next := end + 1
	if next < len(s) && !isSpace(s[next]) && s[next] != '}' {
		p.warnf(l.span(next, next+1), "Missing space after quoted value",
			"Cyrus reads the next argument straight after the closing quote, but a space makes the line readable.")
	}
	closes := next < len(s) && s[next] == '}'
	if closes {
		next++
	}
	return a, next, closes, true
}

// argDetail explains why key followed by rest is not the start of key=value.
func argDetail(key, rest string) string {
	switch {
	case rest == "":
		return fmt.Sprintf("%q has no =value; arguments are written key=value.", key)
	case key == "" && rest[0] == '=':
		return "An argument needs a name before =."
	}
	return fmt.Sprintf("%s is not allowed in an argument name; arguments are written key=value, the key letters and digits.", quoteByte(rest[0]))
}

// endsWithBrace reports whether s, a line that failed to scan, ends in '}':
// it is then taken to close the section, so one bad line does not make the
// following sections look nested.
func endsWithBrace(s string) bool {
	n := trimEnd(s)
	return n > 0 && s[n-1] == '}'
}

// quoteByte shows a byte for a message: printable ASCII as 'c', the rest in hex.
func quoteByte(c byte) string {
	if c > ' ' && c < 0x7f {
		return fmt.Sprintf("'%c'", c)
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

package sqlite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
)

// decodeSummaryParts fills from a stored summary (store.Summary as JSON)
// the fields of parts, skipping the others without decoding them. It is
// a small scanner of the one shape encoding/json writes for a Summary: an
// object of strings, arrays of strings and arrays of objects of strings.
// Strings without escapes are taken as they are; one with escapes is
// handed to encoding/json.
func decodeSummaryParts(b []byte, parts store.SummaryParts, s *store.Summary) error {
	d := &jsonScan{b: b}
	err := d.object(func(key []byte) error {
		switch {
		case string(key) == "s" && parts&store.SummarySubject != 0:
			return d.str(&s.Subject)
		case string(key) == "f" && parts&(store.SummaryAddresses|store.SummaryFirstFrom) != 0:
			return d.addresses(&s.From)
		case string(key) == "t" && parts&store.SummaryAddresses != 0:
			return d.addresses(&s.To)
		case string(key) == "c" && parts&store.SummaryAddresses != 0:
			return d.addresses(&s.Cc)
		case string(key) == "b" && parts&store.SummaryAddresses != 0:
			return d.addresses(&s.Bcc)
		case string(key) == "id" && parts&store.SummaryThreading != 0:
			return d.str(&s.MessageID)
		case string(key) == "ir" && parts&store.SummaryThreading != 0:
			return d.strings(&s.InReplyTo)
		case string(key) == "r" && parts&store.SummaryThreading != 0:
			return d.strings(&s.References)
		}
		return d.skip()
	})
	if err != nil {
		return fmt.Errorf("decode summary at %d: %w", d.i, err)
	}
	return nil
}

var errSummarySyntax = errors.New("unexpected input")

// jsonScan reads JSON from b at i.
type jsonScan struct {
	b []byte
	i int
}

func (d *jsonScan) ws() {
	for d.i < len(d.b) && (d.b[d.i] == ' ' || d.b[d.i] == '\t' || d.b[d.i] == '\n' || d.b[d.i] == '\r') {
		d.i++
	}
}

// want consumes byte c after white space.
func (d *jsonScan) want(c byte) error {
	d.ws()
	if d.i >= len(d.b) || d.b[d.i] != c {
		return errSummarySyntax
	}
	d.i++
	return nil
}

// peek reports whether the next byte after white space is c, consuming it
// if so.
func (d *jsonScan) peek(c byte) bool {
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// object calls member for each key, given as its bytes in b (keys are
// Corvus's own short names, never escaped; an escaped one matches no
// name and is skipped); member must consume the value. Neither keys nor
// skipped strings are copied: at 100 000 summaries per SORT those copies
// were most of the decoder's garbage.
func (d *jsonScan) object(member func(key []byte) error) error {
	if err := d.want('{'); err != nil {
		return err
	}
	if d.peek('}') {
		return nil
	}
	for {
		key, _, err := d.span()
		if err != nil {
			return err
		}
		if err := d.want(':'); err != nil {
			return err
		}
		if err := member(key); err != nil {
			return err
		}
		if d.peek('}') {
			return nil
		}
		if err := d.want(','); err != nil {
			return err
		}
	}
}

// array calls elem for each element; elem must consume it.
func (d *jsonScan) array(elem func() error) error {
	if err := d.want('['); err != nil {
		return err
	}
	if d.peek(']') {
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		if d.peek(']') {
			return nil
		}
		if err := d.want(','); err != nil {
			return err
		}
	}
}

// span consumes a string and returns its bytes between the quotes, still
// escaped if escaped is set. It looks for the closing quote with
// bytes.IndexByte, which goes many bytes at a time: skipping the parts
// of 100 000 summaries a SORT does not need was the decoder's top cost
// when it went byte by byte.
func (d *jsonScan) span() (raw []byte, escaped bool, err error) {
	if err := d.want('"'); err != nil {
		return nil, false, err
	}
	start := d.i
	for {
		j := bytes.IndexByte(d.b[d.i:], '"')
		if j < 0 {
			return nil, false, errSummarySyntax
		}
		end := d.i + j
		d.i = end + 1
		k := end
		for k > start && d.b[k-1] == '\\' {
			k--
		}
		if (end-k)%2 == 0 { // not itself escaped: the closing quote
			raw = d.b[start:end]
			return raw, bytes.IndexByte(raw, '\\') >= 0, nil
		}
	}
}

// str reads a string.
func (d *jsonScan) str(out *string) error {
	raw, escaped, err := d.span()
	switch {
	case err != nil:
		return err
	case escaped: // the quotes around raw are in b
		return json.Unmarshal(d.b[d.i-len(raw)-2:d.i], out)
	}
	*out = string(raw)
	return nil
}

func (d *jsonScan) strings(out *[]string) error {
	return d.array(func() error {
		var s string
		err := d.str(&s)
		*out = append(*out, s)
		return err
	})
}

func (d *jsonScan) addresses(out *[]store.Address) error {
	return d.array(func() error {
		var a store.Address
		err := d.object(func(key []byte) error {
			switch string(key) {
			case "n":
				return d.str(&a.Name)
			case "m":
				return d.str(&a.Mailbox)
			case "h":
				return d.str(&a.Host)
			}
			return d.skip()
		})
		*out = append(*out, a)
		return err
	})
}

// skip consumes one value of any kind.
func (d *jsonScan) skip() error {
	d.ws()
	if d.i >= len(d.b) {
		return errSummarySyntax
	}
	switch c := d.b[d.i]; {
	case c == '"':
		_, _, err := d.span()
		return err
	case c == '{' || c == '[':
		return d.skipNested()
	}
	// A number, true, false or null: up to the next delimiter.
	start := d.i
	for d.i < len(d.b) && d.b[d.i] != ',' && d.b[d.i] != '}' && d.b[d.i] != ']' {
		d.i++
	}
	if d.i == start {
		return errSummarySyntax
	}
	return nil
}

// skipNested consumes an object or array in one pass to the bracket that
// closes it, byte by byte, stepping over each escaped character inside
// strings. It does not check the structure in between: the summaries
// come from encoding/json, and what the decoder keeps is read by object,
// array and str, which do. THREAD REFERENCES skips every summary's
// addresses to reach its message ids; member by member, with span's two
// IndexByte calls per short string, that was a third of the decoding.
func (d *jsonScan) skipNested() error {
	depth, inString := 0, false
	for ; d.i < len(d.b); d.i++ {
		switch c := d.b[d.i]; {
		case inString && c == '\\':
			d.i++ // the escaped character
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth--; depth == 0 {
				d.i++
				return nil
			}
		}
	}
	return errSummarySyntax
}

package sqlite

import (
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
	err := d.object(func(key string) error {
		switch {
		case key == "s" && parts&store.SummarySubject != 0:
			return d.str(&s.Subject)
		case key == "f" && parts&store.SummaryAddresses != 0:
			return d.addresses(&s.From)
		case key == "t" && parts&store.SummaryAddresses != 0:
			return d.addresses(&s.To)
		case key == "c" && parts&store.SummaryAddresses != 0:
			return d.addresses(&s.Cc)
		case key == "b" && parts&store.SummaryAddresses != 0:
			return d.addresses(&s.Bcc)
		case key == "id" && parts&store.SummaryThreading != 0:
			return d.str(&s.MessageID)
		case key == "ir" && parts&store.SummaryThreading != 0:
			return d.strings(&s.InReplyTo)
		case key == "r" && parts&store.SummaryThreading != 0:
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

// object calls member for each key; member must consume the value.
func (d *jsonScan) object(member func(key string) error) error {
	if err := d.want('{'); err != nil {
		return err
	}
	if d.peek('}') {
		return nil
	}
	for {
		var key string
		if err := d.str(&key); err != nil {
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

// str reads a string.
func (d *jsonScan) str(out *string) error {
	if err := d.want('"'); err != nil {
		return err
	}
	start, escaped := d.i, false
	for ; d.i < len(d.b); d.i++ {
		switch d.b[d.i] {
		case '\\':
			escaped = true
			d.i++
		case '"':
			d.i++
			if !escaped {
				*out = string(d.b[start : d.i-1])
				return nil
			}
			return json.Unmarshal(d.b[start-1:d.i], out)
		}
	}
	return errSummarySyntax
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
		err := d.object(func(key string) error {
			switch key {
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
		var s string
		return d.str(&s)
	case c == '{':
		return d.object(func(string) error { return d.skip() })
	case c == '[':
		return d.array(d.skip)
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

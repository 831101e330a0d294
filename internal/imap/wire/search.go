package wire

import (
	"strings"

	"github.com/emersion/go-imap/v2"
)

// Search is a parsed SEARCH or UID SEARCH command.
type Search struct {
	// Return holds the RETURN options (RFC 4731, RFC 5182 SAVE).
	// "RETURN ()" means RETURN (ALL), as RFC 4731 §3.1 says.
	Return imap.SearchOptions
	// ESearch is set when RETURN was given: the answer is then ESEARCH.
	ESearch bool
	// Charset is the CHARSET argument, "" when absent (US-ASCII/UTF-8).
	Charset string
	// Criteria is the search program, all keys ANDed.
	Criteria Criteria
}

// maxSearchDepth bounds nesting of parentheses, NOT and OR, so a
// malicious program cannot exhaust the stack.
const maxSearchDepth = 1000

// ParseSearch parses SEARCH's arguments (RFC 9051 §9 search, with RFC 4731
// search-return-opts) up to the end of the command.
func ParseSearch(d *Decoder) (*Search, error) {
	s := &Search{}
	if err := d.SP(); err != nil {
		return nil, err
	}
	if d.ConsumeFold("RETURN") {
		if err := d.searchReturn(s); err != nil {
			return nil, err
		}
		if err := d.SP(); err != nil {
			return nil, err
		}
	}
	if d.ConsumeFold("CHARSET") {
		if err := d.SP(); err != nil {
			return nil, err
		}
		cs, err := d.charset()
		if err != nil {
			return nil, err
		}
		s.Charset = cs
		if err := d.SP(); err != nil {
			return nil, err
		}
	}
	return s, d.searchProgram(&s.Criteria)
}

// searchProgram reads search-key *(SP search-key) to the end of the
// command, ANDing the keys into c (SEARCH, SORT and THREAD end with one).
func (d *Decoder) searchProgram(c *Criteria) error {
	for {
		k, err := d.searchKey(0)
		if err != nil {
			return err
		}
		c.and(k)
		if d.AtEnd() {
			return nil
		}
		if err := d.SP(); err != nil {
			return err
		}
	}
}

// searchReturn reads SP "(" [search-return-opt *(SP ...)] ")".
func (d *Decoder) searchReturn(s *Search) error {
	if err := d.SP(); err != nil {
		return err
	}
	s.ESearch = true
	err := d.ParenList(true, func() error {
		switch opt := d.keyword(); opt {
		case "MIN":
			s.Return.ReturnMin = true
		case "MAX":
			s.Return.ReturnMax = true
		case "ALL":
			s.Return.ReturnAll = true
		case "COUNT":
			s.Return.ReturnCount = true
		case "SAVE":
			s.Return.ReturnSave = true
		default:
			return d.errorf("unknown search return option %q", opt)
		}
		return nil
	})
	r := s.Return
	if err == nil && !r.ReturnMin && !r.ReturnMax && !r.ReturnAll && !r.ReturnCount && !r.ReturnSave {
		s.Return.ReturnAll = true
	}
	return err
}

// charset reads charset = atom / quoted.
func (d *Decoder) charset() (string, error) {
	if d.Peek() == '"' {
		b, err := d.quoted()
		return strings.ToUpper(string(b)), err
	}
	a, err := d.Atom()
	if err != nil {
		return "", d.errorf("expected charset")
	}
	return strings.ToUpper(a), nil
}

package store

import (
	"strings"

	"github.com/corvusmail/corvus/internal/textmatch"
)

// HeaderTest is a SEARCH key on an envelope field: FROM, TO, CC, BCC or
// SUBJECT (any case) contains Value (RFC 9051 §6.4.4).
type HeaderTest struct {
	Field string
	Value string
}

// Matches tests the key against a summary: a case-insensitive substring
// of the subject, or of one address written "Name <mailbox@host>" (each
// address on its own, so a match never spans two), as Cyrus answers these
// keys from its cache of decoded headers. An unknown field never matches.
func (h HeaderTest) Matches(s *Summary) bool {
	if s == nil {
		return false
	}
	var list []Address
	switch strings.ToUpper(h.Field) {
	case "SUBJECT":
		return textmatch.ContainsFold(s.Subject, h.Value)
	case "FROM":
		list = s.From
	case "TO":
		list = s.To
	case "CC":
		list = s.Cc
	case "BCC":
		list = s.Bcc
	}
	for _, a := range list {
		if textmatch.ContainsFold(a.Text(), h.Value) {
			return true
		}
	}
	return false
}

// Parts is what of the summary the test reads.
func (h HeaderTest) Parts() SummaryParts {
	if strings.EqualFold(h.Field, "SUBJECT") {
		return SummarySubject
	}
	return SummaryAddresses
}

// Text is the address as a header shows it: "Name <mailbox@host>", or
// the bare addr-spec without a name.
func (a Address) Text() string {
	spec := a.Mailbox
	if a.Host != "" {
		spec += "@" + a.Host
	}
	if a.Name == "" {
		return spec
	}
	return a.Name + " <" + spec + ">"
}

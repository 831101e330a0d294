package wire

import (
	"time"

	"github.com/emersion/go-imap/v2"
)

// Criteria is a parsed search program: the embedded imap.SearchCriteria
// holds every key go-imap can express, and the fields below hold the keys
// of extensions it lacks. Negations and alternatives are in this type's
// Not and Or (which shadow the embedded ones: those stay empty), so an
// extension key keeps its meaning under NOT and OR.
//
// Mapping of RFC 3501 keys onto imap.SearchCriteria, as the imap package
// documents it: flag keys go to Flag/NotFlag (RECENT and NEW/OLD use
// "\Recent"); ON d is Since d and Before d+1 day; BCC/CC/FROM/SUBJECT/TO
// are Header fields; ALL is the zero value. Dates are midnight UTC; the
// engine applies the RFC's "disregarding time and timezone" rule. Strings
// are raw octets in the command's CHARSET.
type Criteria struct {
	imap.SearchCriteria

	Not []Criteria    // NOT key, one entry per negated key
	Or  [][2]Criteria // OR key1 key2

	// WITHIN (RFC 5032): age of the internal date in seconds; 0 = unset.
	Older, Younger uint32
	// SAVEDATE (RFC 8514): like Since/Before on the save date.
	SaveDateSince, SaveDateBefore time.Time
	// SaveDateSupported is the SAVEDATESUPPORTED key.
	SaveDateSupported bool
	// OBJECTID (RFC 8474) EMAILID and THREADID keys.
	EmailID, ThreadID []string
}

// matchNothing is a criteria no message satisfies (NOT ALL): what
// SMALLER 0 means, and a value the imap type cannot hold otherwise.
func matchNothing() Criteria { return Criteria{Not: []Criteria{{}}} }

// and intersects o into c. Single-valued fields that cannot be merged
// exactly (two MODSEQ keys with different entries) are kept apart as a
// double negation, which means the same thing.
func (c *Criteria) and(o Criteria) {
	s, t := &c.SearchCriteria, &o.SearchCriteria
	s.SeqNum = append(s.SeqNum, t.SeqNum...)
	s.UID = append(s.UID, t.UID...)
	s.Since = later(s.Since, t.Since)
	s.Before = earlier(s.Before, t.Before)
	s.SentSince = later(s.SentSince, t.SentSince)
	s.SentBefore = earlier(s.SentBefore, t.SentBefore)
	s.Header = append(s.Header, t.Header...)
	s.Body = append(s.Body, t.Body...)
	s.Text = append(s.Text, t.Text...)
	s.Flag = append(s.Flag, t.Flag...)
	s.NotFlag = append(s.NotFlag, t.NotFlag...)
	s.Larger = max(s.Larger, t.Larger)
	if t.Smaller != 0 && (s.Smaller == 0 || t.Smaller < s.Smaller) {
		s.Smaller = t.Smaller
	}
	switch {
	case t.ModSeq == nil:
	case s.ModSeq == nil:
		s.ModSeq = t.ModSeq
	case s.ModSeq.MetadataName == t.ModSeq.MetadataName && s.ModSeq.MetadataType == t.ModSeq.MetadataType:
		s.ModSeq.ModSeq = max(s.ModSeq.ModSeq, t.ModSeq.ModSeq)
	default:
		inner := Criteria{}
		inner.ModSeq = t.ModSeq
		c.Not = append(c.Not, Criteria{Not: []Criteria{inner}})
	}
	c.Not = append(c.Not, o.Not...)
	c.Or = append(c.Or, o.Or...)
	c.Older = max(c.Older, o.Older)
	if o.Younger != 0 && (c.Younger == 0 || o.Younger < c.Younger) {
		c.Younger = o.Younger
	}
	c.SaveDateSince = later(c.SaveDateSince, o.SaveDateSince)
	c.SaveDateBefore = earlier(c.SaveDateBefore, o.SaveDateBefore)
	c.SaveDateSupported = c.SaveDateSupported || o.SaveDateSupported
	c.EmailID = append(c.EmailID, o.EmailID...)
	c.ThreadID = append(c.ThreadID, o.ThreadID...)
}

func later(a, b time.Time) time.Time {
	if a.IsZero() || b.After(a) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

// HasExtensions reports whether c or anything under it uses a key that
// imap.SearchCriteria cannot express.
func (c *Criteria) HasExtensions() bool {
	if c.Older != 0 || c.Younger != 0 || !c.SaveDateSince.IsZero() || !c.SaveDateBefore.IsZero() ||
		c.SaveDateSupported || len(c.EmailID) > 0 || len(c.ThreadID) > 0 {
		return true
	}
	for i := range c.Not {
		if c.Not[i].HasExtensions() {
			return true
		}
	}
	for i := range c.Or {
		if c.Or[i][0].HasExtensions() || c.Or[i][1].HasExtensions() {
			return true
		}
	}
	return false
}

// IMAP converts c to a plain imap.SearchCriteria tree; ok is false (and
// the result incomplete) if c uses keys the imap type lacks.
func (c *Criteria) IMAP() (out imap.SearchCriteria, ok bool) {
	out = c.SearchCriteria
	out.Not, out.Or = nil, nil
	for i := range c.Not {
		n, _ := c.Not[i].IMAP()
		out.Not = append(out.Not, n)
	}
	for i := range c.Or {
		a, _ := c.Or[i][0].IMAP()
		b, _ := c.Or[i][1].IMAP()
		out.Or = append(out.Or, [2]imap.SearchCriteria{a, b})
	}
	return out, !c.HasExtensions()
}

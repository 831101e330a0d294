package server

import (
	"time"
	"unsafe"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/textmatch"
)

// evaluator tests messages against a search program.
type evaluator struct {
	s      *Session
	count  uint32   // messages in view, for "*" in sequence sets
	maxUID imap.UID // highest UID in view, for "*" in UID sets
	text   []byte   // body text of the message under evaluation, reused
}

// searchMsg is one message under evaluation.
type searchMsg struct {
	fetchMsg
	seq uint32
}

// match reports whether m satisfies every key of c.
func (e *evaluator) match(c *wire.Criteria, m *searchMsg) (bool, error) {
	if !e.matchMeta(c, m) {
		return false, nil
	}
	if ok, err := e.matchText(c, m); !ok || err != nil {
		return false, err
	}
	for i := range c.Not {
		ok, err := e.match(&c.Not[i], m)
		if ok || err != nil {
			return false, err
		}
	}
	for i := range c.Or {
		a, err := e.match(&c.Or[i][0], m)
		if err != nil {
			return false, err
		}
		if !a {
			if b, err := e.match(&c.Or[i][1], m); !b || err != nil {
				return false, err
			}
		}
	}
	return true, nil
}

// matchMeta tests the keys answered from the store's records.
func (e *evaluator) matchMeta(c *wire.Criteria, m *searchMsg) bool {
	msg := m.m
	if !e.inSets(c, msg.UID, m.seq) {
		return false
	}
	if !dateIn(msg.InternalDate, c.Since, c.Before) || !dateIn(sentDate(msg), c.SentSince, c.SentBefore) {
		return false
	}
	if !dateIn(msg.SaveDate, c.SaveDateSince, c.SaveDateBefore) {
		return false
	}
	age := time.Since(msg.InternalDate)
	if (c.Older > 0 && age < time.Duration(c.Older)*time.Second) ||
		(c.Younger > 0 && age > time.Duration(c.Younger)*time.Second) {
		return false
	}
	if (c.Larger > 0 && msg.Size <= c.Larger) || (c.Smaller > 0 && msg.Size >= c.Smaller) {
		return false
	}
	flags := e.s.flagsOut(msg.UID, msg.Flags)
	for _, f := range c.Flag {
		if !hasFlag(flags, f) {
			return false
		}
	}
	for _, f := range c.NotFlag {
		if hasFlag(flags, f) {
			return false
		}
	}
	if c.ModSeq != nil && msg.ModSeq < c.ModSeq.ModSeq {
		return false // RFC 7162 §3.1.5
	}
	for _, id := range c.EmailID {
		if store.EmailID(msg.GUID) != id {
			return false
		}
	}
	return len(c.ThreadID) == 0
}

// inSets tests c's sequence-set and UID-set keys.
func (e *evaluator) inSets(c *wire.Criteria, uid imap.UID, seq uint32) bool {
	for _, set := range c.SeqNum {
		if !seqContains(set, seq, e.count) {
			return false
		}
	}
	for _, set := range c.UID {
		if imap.IsSearchRes(set) {
			set = e.s.searchRes
		}
		if !uidContains(set, uid, e.maxUID) {
			return false
		}
	}
	return true
}

// matchText tests HEADER, BODY and TEXT keys; the envelope's are answered
// from the summary, the rest from the message's bytes.
func (e *evaluator) matchText(c *wire.Criteria, m *searchMsg) (bool, error) {
	raw := len(c.Body) > 0 || len(c.Text) > 0
	for _, h := range c.Header {
		if !fromEnvelope(h) || m.m.Summary == nil {
			raw = true
		} else if !envelopeMatch(m.m, h) {
			return false, nil
		}
	}
	if !raw {
		return true, nil
	}
	return e.matchBytes(c, m)
}

// matchBytes tests the HEADER, BODY and TEXT keys that need the message.
func (e *evaluator) matchBytes(c *wire.Criteria, m *searchMsg) (bool, error) {
	raw, err := m.bytes()
	if err != nil {
		return false, err
	}
	st, err := m.structure()
	if err != nil {
		return false, err
	}
	for _, h := range c.Header {
		if fromEnvelope(h) && m.m.Summary != nil {
			continue
		}
		vals := st.HeaderValues(raw, h.Key)
		found := false
		for _, v := range vals {
			if textmatch.ContainsFold(v, h.Value) {
				found = true
				break
			}
		}
		if !found {
			return false, nil
		}
	}
	body := ""
	if len(c.Body) > 0 || len(c.Text) > 0 {
		// One buffer for every message of the search: a body search
		// would otherwise allocate each message's text anew. body is a
		// view of it, used only until the next message.
		e.text = st.AppendBodyText(e.text[:0], raw)
		body = unsafe.String(unsafe.SliceData(e.text), len(e.text))
	}
	for _, b := range c.Body {
		if !textmatch.ContainsFold(body, b) {
			return false, nil
		}
	}
	for _, t := range c.Text {
		if !textmatch.ContainsFold(body, t) && !textmatch.ContainsFold(st.HeaderText(raw), t) {
			return false, nil
		}
	}
	return true, nil
}

// hasFlag tests a flag; keywords compare case-insensitively.
func hasFlag(flags []imap.Flag, f imap.Flag) bool {
	for _, x := range flags {
		if store.KeywordKey(x) == store.KeywordKey(f) {
			return true
		}
	}
	return false
}

// dateIn applies SINCE/BEFORE "disregarding time and timezone" (RFC 9051
// §6.4.4): the message's date in its own zone against whole days.
func dateIn(t, since, before time.Time) bool {
	if since.IsZero() && before.IsZero() {
		return true
	}
	y, mo, d := t.Date()
	day := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	return (since.IsZero() || !day.Before(since)) && (before.IsZero() || day.Before(before))
}

// sentDate is the Date: header, or the internal date without one
// (RFC 5256 §2.2).
func sentDate(m *store.Message) time.Time {
	if m.Summary != nil && !m.Summary.Date.IsZero() {
		return m.Summary.Date
	}
	return m.InternalDate
}

func seqContains(set imap.SeqSet, seq, count uint32) bool {
	for _, r := range set {
		lo, hi := rangeBounds(r.Start, r.Stop, count)
		if seq >= lo && seq <= hi {
			return true
		}
	}
	return false
}

func uidContains(set imap.UIDSet, uid, max imap.UID) bool {
	for _, r := range set {
		lo, hi := rangeBounds(r.Start, r.Stop, max)
		if uid >= lo && uid <= hi {
			return true
		}
	}
	return false
}

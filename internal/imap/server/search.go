package server

import (
	"slices"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapESearch, imap.CapSearchRes, imap.CapWithin)
		r.add("SEARCH", selectedS, (*Session).cmdSearch)
		r.addUID("SEARCH", (*Session).cmdSearch)
	})
}

// cmdSearch: RFC 9051 §6.4.4 with ESEARCH (RFC 4731) and SEARCHRES
// (RFC 5182). Metadata keys are evaluated from the store's records,
// header and text keys from the parsed structure and the message bytes.
func (s *Session) cmdSearch(cmd *wire.Command) error {
	p, err := wire.ParseSearch(cmd.Decoder())
	if err != nil {
		return err
	}
	if p.Charset != "" {
		if err := checkCharset(p.Charset); err != nil {
			return err
		}
	}
	withModSeq := usesModSeq(&p.Criteria)
	if withModSeq {
		s.enableCondStore()
	}
	matches, modSeq, err := s.searchMatches(&p.Criteria)
	if err != nil {
		return err
	}
	if p.Return.ReturnSave {
		s.searchRes = uidSet(matches)
	}
	if !withModSeq {
		modSeq = 0 // RFC 7162 §3.1.5: MODSEQ only answers a MODSEQ search
	}
	s.searchResponse(cmd, p, matches, modSeq)
	return s.update(false)
}

// checkCharset refuses a search charset other than UTF-8 and US-ASCII
// with NO [BADCHARSET (UTF-8 US-ASCII)] (RFC 9051 §6.4.4).
func checkCharset(cs string) error {
	if cs = upper(cs); cs == "UTF-8" || cs == "US-ASCII" {
		return nil
	}
	return &result{imap.StatusResponseTypeNo, wire.BadCharsetCode([]string{"UTF-8", "US-ASCII"}), "Unsupported charset"}
}

// searchMatches returns the UIDs of the messages in view that match, and
// the highest modseq among them.
func (s *Session) searchMatches(c *wire.Criteria) ([]imap.UID, uint64, error) {
	if sc, all, ok := storeCriteria(c); ok && all && s.sel.view.count() > 0 {
		// The store's answer is final, and a MODSEQ key would have made
		// all false: the UIDs are the result as they come.
		uids, err := s.storeSearch(c, sc, true)
		return uids, 0, err
	}
	msgs, err := s.searchMessages(c, false)
	uids := make([]imap.UID, len(msgs))
	var modSeq uint64
	for i, m := range msgs {
		uids[i], modSeq = m.UID, max(modSeq, m.ModSeq)
	}
	return uids, modSeq, err
}

// searchMessages returns the messages in view that match c, ascending;
// with summary each carries its stored summary, from the same read that
// evaluated it (SORT and THREAD need no second pass over the mailbox).
// When the store's query answered c alone and no summary is asked, only
// the UIDs are set.
func (s *Session) searchMessages(c *wire.Criteria, summary bool) ([]store.Message, error) {
	view := s.sel.view
	if view.count() == 0 {
		return nil, nil
	}
	candidates := view.uids
	if sc, all, ok := storeCriteria(c); ok {
		uids, err := s.storeSearch(c, sc, all)
		switch {
		case err != nil || len(uids) == 0:
			return nil, err
		case all && !summary:
			return uidsOnly(uids), nil
		case all:
			msgs, err := s.sel.mbox.Fetch(s.ctx, uidSet(uids), store.FetchOptions{Summary: true})
			return msgs, storeError(err)
		}
		candidates = uids
	}
	msgs, err := s.fetchCandidates(c, candidates, summary)
	if err != nil {
		return nil, err
	}
	ev := &evaluator{s: s, count: view.count(), maxUID: view.max()}
	if needsText(c) {
		if out, walked, err := s.evalWalk(c, msgs, ev); walked {
			return out, err
		}
	}
	out := msgs[:0] // kept in place: entry i is read before anything is written over it
	for i := range msgs {
		m := &searchMsg{fetchMsg: fetchMsg{s: s, m: &msgs[i]}, seq: view.seq(msgs[i].UID)}
		if m.seq == 0 || view.isExpunged(m.m.UID) {
			continue
		}
		ok, err := ev.match(c, m)
		m.release()
		if err != nil {
			return nil, err
		}
		if ok {
			msgs[i].Structure = nil
			out = append(out, msgs[i])
		}
	}
	return out, nil
}

// uidsOnly makes messages that carry just their UIDs.
func uidsOnly(uids []imap.UID) []store.Message {
	out := make([]store.Message, len(uids))
	for i, u := range uids {
		out[i].UID = u
	}
	return out
}

// searchResponse writes SEARCH or, when RETURN was given, ESEARCH.
func (s *Session) searchResponse(cmd *wire.Command, p *wire.Search, uids []imap.UID, modSeq uint64) {
	nums := make([]uint32, len(uids))
	for i, u := range uids {
		if cmd.UID {
			nums[i] = uint32(u)
		} else {
			nums[i] = s.sel.view.seq(u)
		}
	}
	// RFC 9051 §6.4.4: an IMAP4rev2 session always gets ESEARCH.
	if !p.ESearch && !s.enabled[imap.CapIMAP4rev2] {
		s.w.Search(nums, modSeq)
		return
	}
	opts := p.Return
	if !opts.ReturnMin && !opts.ReturnMax && !opts.ReturnAll && !opts.ReturnCount && !opts.ReturnSave {
		opts.ReturnAll = true // RFC 4731 §3.1: RETURN () means ALL
	}
	if opts.ReturnSave && !opts.ReturnMin && !opts.ReturnMax && !opts.ReturnAll && !opts.ReturnCount {
		return // RFC 5182 §2.4: RETURN (SAVE) alone gives no ESEARCH
	}
	data := &imap.SearchData{Count: uint32(len(nums)), ModSeq: modSeq}
	if len(nums) > 0 {
		data.Min, data.Max = nums[0], nums[len(nums)-1]
		if cmd.UID {
			data.All = uidSet(uids)
		} else {
			data.All = imap.SeqSetNum(nums...)
		}
	}
	s.w.ESearch(cmd.Tag, cmd.UID, opts, data)
}

// usesModSeq reports a MODSEQ key anywhere in c.
func usesModSeq(c *wire.Criteria) bool {
	if c.ModSeq != nil {
		return true
	}
	for i := range c.Not {
		if usesModSeq(&c.Not[i]) {
			return true
		}
	}
	for i := range c.Or {
		if usesModSeq(&c.Or[i][0]) || usesModSeq(&c.Or[i][1]) {
			return true
		}
	}
	return false
}

// needsText reports whether c looks into the message file: bodies, or a
// header the envelope does not hold (see fromEnvelope).
func needsText(c *wire.Criteria) bool {
	return anyKey(c, func(k *wire.Criteria) bool {
		return len(k.Body) > 0 || len(k.Text) > 0 || slices.ContainsFunc(k.Header, func(h imap.SearchCriteriaHeaderField) bool { return !fromEnvelope(h) })
	})
}

// needsSummary reports whether c has keys that read the stored summary:
// SENT* (its Date) and the envelope's FROM, TO, CC, BCC, SUBJECT. The
// common UNSEEN/FLAGGED/UID searches then touch the flag columns alone.
func needsSummary(c *wire.Criteria) bool {
	return anyKey(c, func(k *wire.Criteria) bool {
		return !k.SentSince.IsZero() || !k.SentBefore.IsZero() || slices.ContainsFunc(k.Header, fromEnvelope)
	})
}

// anyKey reports whether f holds for c or any criteria nested under NOT or
// OR.
func anyKey(c *wire.Criteria, f func(*wire.Criteria) bool) bool {
	if f(c) {
		return true
	}
	for i := range c.Not {
		if anyKey(&c.Not[i], f) {
			return true
		}
	}
	for i := range c.Or {
		if anyKey(&c.Or[i][0], f) || anyKey(&c.Or[i][1], f) {
			return true
		}
	}
	return false
}

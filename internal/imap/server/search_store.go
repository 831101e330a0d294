package server

import (
	"slices"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// storeCriteria takes from c's top level the keys the store answers from
// its own columns and summaries (flags and keywords, LARGER, SMALLER,
// SINCE, BEFORE and ON, and the envelope's FROM, TO, CC, BCC and SUBJECT)
// so that a search asks the store which messages qualify instead of
// loading every message of the mailbox: SEARCH UNSEEN is one indexed
// query, SEARCH FROM one query that decodes only the summaries that can
// match. ok is false when c has none of them. all reports that those
// keys, with sequence and UID sets, are the whole of c, so the store's
// answer needs no further evaluation. \Recent is the session's, not the
// store's, and stays with the evaluator.
func storeCriteria(c *wire.Criteria) (sc store.Criteria, all, ok bool) {
	k := &c.SearchCriteria
	all = true
	sc.Flags, all = storeFlags(k.Flag, all)
	sc.NotFlags, all = storeFlags(k.NotFlag, all)
	sc.Larger, sc.Smaller = k.Larger, k.Smaller
	sc.Since, sc.Before = k.Since, k.Before
	for _, h := range k.Header {
		if fromEnvelope(h) {
			sc.Header = append(sc.Header, store.HeaderTest{Field: h.Key, Value: h.Value})
		} else {
			all = false
		}
	}
	ok = len(sc.Flags) > 0 || len(sc.NotFlags) > 0 || sc.Larger > 0 || sc.Smaller > 0 ||
		!sc.Since.IsZero() || !sc.Before.IsZero() || len(sc.Header) > 0
	if len(c.Not) > 0 || len(c.Or) > 0 || len(k.Body) > 0 || len(k.Text) > 0 ||
		!k.SentSince.IsZero() || !k.SentBefore.IsZero() ||
		k.ModSeq != nil || c.Older != 0 || c.Younger != 0 || !c.SaveDateSince.IsZero() ||
		!c.SaveDateBefore.IsZero() || len(c.EmailID) > 0 || len(c.ThreadID) > 0 {
		all = false
	}
	return sc, all, ok
}

// storeFlags returns the flags of fs the store can test; one it cannot
// (\Recent, or a name the store refuses, which no stored message has)
// clears all so the evaluator sees it.
func storeFlags(fs []imap.Flag, all bool) ([]imap.Flag, bool) {
	var out []imap.Flag
	for _, f := range fs {
		if _, err := store.CanonicalFlag(f); err != nil || isRecentFlag(f) {
			all = false
			continue
		}
		out = append(out, f)
	}
	return out, all
}

// storeSearch asks the store for the messages in view matching sc, in
// ascending UID order; with all, sequence and UID sets are applied too
// and the result is final.
func (s *Session) storeSearch(c *wire.Criteria, sc store.Criteria, all bool) ([]imap.UID, error) {
	view := s.sel.view
	sc.UIDs = imap.UIDSet{{Start: view.uids[0], Stop: view.max()}}
	res, err := s.sel.mbox.Search(s.ctx, sc)
	if err != nil {
		return nil, storeError(err)
	}
	ev := &evaluator{s: s, count: view.count(), maxUID: view.max()}
	out := res.UIDs[:0]
	rest := view.uids // both ascend: each UID is looked for after the last
	for _, u := range res.UIDs {
		i, found := slices.BinarySearch(rest, u)
		rest = rest[i:]
		seq := uint32(len(view.uids) - len(rest) + 1)
		if !found || view.isExpunged(u) || (all && !ev.inSets(c, u, seq)) {
			continue
		}
		out = append(out, u)
	}
	return out, nil
}

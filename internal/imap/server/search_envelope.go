package server

import (
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// fromEnvelope reports whether a header key is answered from the stored
// summary rather than the message file. RFC 9051 §6.4.4 defines FROM,
// TO, CC, BCC and SUBJECT on "the envelope structure's" field, which the
// summary holds decoded; as Cyrus, which answers them from its cache
// file (decoded) without opening the message. HEADER with one of these
// names and a value is the same test; an empty value asks whether the
// field exists at all, which only the header can tell.
func fromEnvelope(h imap.SearchCriteriaHeaderField) bool {
	if h.Value == "" {
		return false
	}
	switch strings.ToLower(h.Key) {
	case "from", "to", "cc", "bcc", "subject":
		return true
	}
	return false
}

// envelopeMatch tests an envelope key against m's summary (see
// store.HeaderTest, which the store answers the same way).
func envelopeMatch(m *store.Message, h imap.SearchCriteriaHeaderField) bool {
	return store.HeaderTest{Field: h.Key, Value: h.Value}.Matches(m.Summary)
}

// fetchCandidates loads the messages a search evaluates. When the
// summary is needed only for envelope keys (no SENT* key, which wants the
// Date in its own zone, and no caller that keeps the summary), the store
// loads just the envelope's parts (store.SummaryLoader), which is much
// cheaper than decoding whole summaries.
func (s *Session) fetchCandidates(c *wire.Criteria, uids []imap.UID, summary bool) ([]store.Message, error) {
	need := summary || needsSummary(c)
	loader, ok := s.sel.mbox.(store.SummaryLoader)
	partial := ok && need && !summary && !anyKey(c, func(k *wire.Criteria) bool {
		return !k.SentSince.IsZero() || !k.SentBefore.IsZero()
	})
	set := uidSet(uids)
	msgs, err := s.sel.mbox.Fetch(s.ctx, set, store.FetchOptions{Structure: needsText(c), Summary: need && !partial})
	if err != nil || !partial || len(msgs) == 0 {
		return msgs, storeError(err)
	}
	envs, err := loader.SortSummaries(s.ctx, set, store.SummarySubject|store.SummaryAddresses)
	if err != nil {
		return nil, storeError(err)
	}
	j := 0
	for i := range msgs { // both ascending by UID
		for j < len(envs) && envs[j].UID < msgs[i].UID {
			j++
		}
		if j < len(envs) && envs[j].UID == msgs[i].UID {
			msgs[i].Summary = envs[j].Summary
		}
	}
	return msgs, nil
}

package server

import (
	"reflect"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// matchingSummaries returns the messages a SORT or THREAD program
// selects, with the summary parts it orders by. When the store can load
// just those parts (store.SummaryLoader) the search runs without
// summaries and the parts are loaded for the matches alone; SORT ... ALL,
// the common case, needs no search at all.
func (s *Session) matchingSummaries(charset string, c *wire.Criteria, parts store.SummaryParts) ([]store.SortRow, error) {
	if err := checkCharset(charset); err != nil {
		return nil, err
	}
	loader, ok := s.sel.mbox.(store.SummaryLoader)
	if !ok {
		msgs, err := s.searchMessages(c, true)
		rows := make([]store.SortRow, len(msgs))
		for i := range msgs {
			rows[i] = store.SortRowOf(&msgs[i])
		}
		return rows, err
	}
	uids, err := s.matchingUIDs(c)
	if err != nil || len(uids) == 0 {
		return nil, err
	}
	msgs, err := loader.SortSummaries(s.ctx, uidSet(uids), parts)
	if err != nil {
		return nil, storeError(err)
	}
	return msgs, nil
}

// matchingUIDs is the UIDs in view that c selects, ascending.
func (s *Session) matchingUIDs(c *wire.Criteria) ([]imap.UID, error) {
	view := s.sel.view
	if !reflect.ValueOf(*c).IsZero() {
		msgs, err := s.searchMessages(c, false)
		uids := make([]imap.UID, len(msgs))
		for i := range msgs {
			uids[i] = msgs[i].UID
		}
		return uids, err
	}
	uids := make([]imap.UID, 0, len(view.uids)) // ALL: the view, less what is pending expunge
	for _, u := range view.uids {
		if !view.isExpunged(u) {
			uids = append(uids, u)
		}
	}
	return uids, nil
}

// sortParts is what the sort keys read of each message.
func sortParts(keys []wire.SortKey) store.SummaryParts {
	var parts store.SummaryParts
	for _, k := range keys {
		switch k.Key {
		case "SUBJECT":
			parts |= store.SummarySubject
		case "FROM":
			parts |= store.SummaryFirstFrom
		case "TO", "CC", "DISPLAYFROM", "DISPLAYTO":
			parts |= store.SummaryAddresses
		case "DATE":
			parts |= store.SummaryDate
		case "ARRIVAL":
			parts |= store.SummaryArrival
		case "SIZE":
			parts |= store.SummarySize
		}
	}
	return parts
}

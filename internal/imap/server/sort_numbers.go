package server

import (
	"cmp"
	"slices"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

// numericSort is SORT by one numeric key (ARRIVAL, DATE, SIZE: the common
// SORT of a large mailbox) on a store that loads bare (UID, value) pairs
// (store.NumberLoader): the pairs are sorted in place and hold no
// pointer, so SORT (DATE) over 100 000 messages allocates a fifth of what
// SortRows took and the garbage collector scans none of it. ok is false
// when the sort is not of that kind; the order then comes from sortOrder.
func (s *Session) numericSort(p *wire.Sort) (uids []uint32, ok bool, err error) {
	loader, isLoader := s.sel.mbox.(store.NumberLoader)
	if !isLoader || len(p.Keys) != 1 || !numericKey(p.Keys[0].Key) {
		return nil, false, nil
	}
	if err := checkCharset(p.Charset); err != nil {
		return nil, true, err
	}
	matches, err := s.matchingUIDs(&p.Criteria)
	if err != nil || len(matches) == 0 {
		return nil, true, err
	}
	nums, err := s.sortNumbers(loader, matches, sortParts(p.Keys))
	if err != nil {
		return nil, true, storeError(err)
	}
	dir := 1
	if p.Keys[0].Reverse {
		dir = -1 // REVERSE turns the key round, not the UID tiebreak
	}
	slices.SortFunc(nums, func(a, b store.SortNumber) int {
		if c := cmp.Compare(a.Value, b.Value); c != 0 {
			return dir * c
		}
		return cmp.Compare(a.UID, b.UID)
	})
	uids = make([]uint32, len(nums))
	for i, n := range nums {
		uids[i] = uint32(n.UID)
	}
	return uids, true, nil
}

// sortNumbers returns the values of part for matches (ascending UIDs).
// A message's internal date, size and Date header never change, so the
// session keeps the values it has loaded for the selected mailbox and
// asks the store only for UIDs above them: webmail clients SORT again for
// every page they show, and the second SORT (DATE) of 100 000 messages
// then costs the sort alone. The cache covers every message up to the
// highest UID asked for, so it is filled only for a SORT that selects a
// good part of the mailbox (a quarter); a narrow one asks for its matches.
func (s *Session) sortNumbers(loader store.NumberLoader, matches []imap.UID, part store.SummaryParts) ([]store.SortNumber, error) {
	cache := s.sel.numbers[part]
	if len(cache) == 0 && len(matches)*4 < int(s.sel.view.count()) {
		return loader.SortNumbers(s.ctx, uidSet(matches), part)
	}
	var top imap.UID
	if len(cache) > 0 {
		top = cache[len(cache)-1].UID
	}
	if last := matches[len(matches)-1]; last > top {
		fresh, err := loader.SortNumbers(s.ctx, imap.UIDSet{{Start: top + 1, Stop: last}}, part)
		if err != nil {
			return nil, err
		}
		cache = append(cache, fresh...)
		if s.sel.numbers == nil {
			s.sel.numbers = map[store.SummaryParts][]store.SortNumber{}
		}
		s.sel.numbers[part] = cache
	}
	out := make([]store.SortNumber, 0, len(matches))
	rest := cache // both ascend: each UID is looked for after the last
	for _, u := range matches {
		i, found := slices.BinarySearchFunc(rest, u, func(n store.SortNumber, u imap.UID) int { return cmp.Compare(n.UID, u) })
		rest = rest[i:]
		if found {
			out = append(out, rest[0])
		}
	}
	return out, nil
}

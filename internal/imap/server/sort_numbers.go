package server

import (
	"cmp"
	"slices"

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
	nums, err := loader.SortNumbers(s.ctx, uidSet(matches), sortParts(p.Keys))
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

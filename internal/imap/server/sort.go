package server

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/mime"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.capPost("SORT", "SORT=DISPLAY", "ESORT")
		r.add("SORT", selectedS, (*Session).cmdSort)
		r.addUID("SORT", (*Session).cmdSort)
	})
}

// cmdSort: RFC 5256 §3 with SORT=DISPLAY (RFC 5957) and ESORT (RFC
// 5267). The messages SEARCH would find are ordered by the keys from the
// stored summary (parsed once at delivery), ties by their order in the
// mailbox, as RFC 5256 §3 says.
func (s *Session) cmdSort(cmd *wire.Command) error {
	p, err := wire.ParseSort(cmd.Decoder())
	if err != nil {
		return err
	}
	nums, err := s.sortedNumbers(p, cmd.UID)
	if err != nil {
		return err
	}
	if p.ESearch {
		s.esortResponse(cmd, &p.Search, nums)
	} else {
		s.w.Sort(nums)
	}
	return s.update(false)
}

// sortedNumbers returns the UIDs (with uid) or the sequence numbers of
// the messages p selects, in p's order.
func (s *Session) sortedNumbers(p *wire.Sort, uid bool) ([]uint32, error) {
	nums, ok, err := s.numericSort(p)
	switch {
	case err != nil:
		return nil, err
	case ok && uid:
		return nums, nil
	case ok:
		out := nums[:0]
		for _, u := range nums {
			if seq := s.sel.view.seq(imap.UID(u)); seq != 0 {
				out = append(out, seq)
			}
		}
		return out, nil
	}
	msgs, err := s.matchingSummaries(p.Charset, &p.Criteria, sortParts(p.Keys))
	if err != nil {
		return nil, err
	}
	nums = make([]uint32, 0, len(msgs))
	for _, i := range sortOrder(msgs, p.Keys) {
		if uid {
			nums = append(nums, uint32(msgs[i].UID))
		} else if seq := s.sel.view.seq(msgs[i].UID); seq != 0 {
			nums = append(nums, seq)
		}
	}
	return nums, nil
}

// sortOrder returns the indexes of msgs ordered by keys, ties by UID:
// RFC 5256 §3's order of the messages in the mailbox. Each message's key
// values are computed once, not in every comparison (base subjects and
// case folding are not free on a large mailbox), and the sort moves
// small (index, values) pairs rather than whole messages; with UID as
// the last key the order is total, so an unstable sort gives the stable
// result.
func sortOrder(msgs []store.SortRow, keys []wire.SortKey) []int32 {
	if len(keys) == 1 && numericKey(keys[0].Key) {
		return numericOrder(msgs, keys[0])
	}
	return generalOrder(msgs, keys)
}

// numericKey reports whether key's values are numbers.
func numericKey(key string) bool { return key == "ARRIVAL" || key == "DATE" || key == "SIZE" }

// numericOrder is sortOrder for one numeric key, the common SORT of a
// large mailbox (DATE, REVERSE ARRIVAL): it sorts (value, UID, index)
// triples that hold no pointer and compare without a call per key.
func numericOrder(msgs []store.SortRow, k wire.SortKey) []int32 {
	type item struct {
		v   int64
		uid imap.UID
		i   int32
	}
	items := make([]item, len(msgs))
	for i := range msgs {
		items[i] = item{v: valueOf(k.Key, &msgs[i]).n, uid: msgs[i].UID, i: int32(i)}
	}
	dir := 1
	if k.Reverse {
		dir = -1 // REVERSE turns the key round, not the UID tiebreak
	}
	slices.SortFunc(items, func(a, b item) int {
		if c := cmp.Compare(a.v, b.v); c != 0 {
			return dir * c
		}
		return cmp.Compare(a.uid, b.uid)
	})
	order := make([]int32, len(items))
	for i, it := range items {
		order[i] = it.i
	}
	return order
}

// generalOrder is sortOrder for any keys.
func generalOrder(msgs []store.SortRow, keys []wire.SortKey) []int32 {
	type item struct {
		first sortValue // keys[0]'s value: most comparisons end here
		uid   imap.UID
		i     int32
	}
	nk := len(keys)
	vals := make([]sortValue, len(msgs)*nk)
	items := make([]item, len(msgs))
	for i := range msgs {
		for j, k := range keys {
			vals[i*nk+j] = valueOf(k.Key, &msgs[i])
		}
		items[i] = item{first: vals[i*nk], uid: msgs[i].UID, i: int32(i)}
	}
	slices.SortFunc(items, func(a, b item) int {
		if c := compareValues(keys[0], a.first, b.first); c != 0 {
			return c
		}
		for j := 1; j < nk; j++ {
			if c := compareValues(keys[j], vals[int(a.i)*nk+j], vals[int(b.i)*nk+j]); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.uid, b.uid)
	})
	order := make([]int32, len(items))
	for i, it := range items {
		order[i] = it.i
	}
	return order
}

// sortValue is a message's value for one key: a number or a string.
type sortValue struct {
	n int64
	s string
}

// compareValues orders two values of key k, in its direction.
func compareValues(k wire.SortKey, a, b sortValue) int {
	c := cmp.Or(cmp.Compare(a.n, b.n), strings.Compare(a.s, b.s))
	if k.Reverse {
		return -c
	}
	return c
}

// valueOf is a message's value for one RFC 5256 / RFC 5957 key.
func valueOf(key string, m *store.SortRow) sortValue {
	switch key {
	case "ARRIVAL":
		return sortValue{n: m.Arrival}
	case "DATE":
		return sortValue{n: m.Sent}
	case "SIZE":
		return sortValue{n: m.Size}
	case "SUBJECT":
		return sortValue{s: baseSubject(m)}
	case "FROM", "TO", "CC":
		return sortValue{s: fold(firstMailbox(m, key))}
	case "DISPLAYFROM", "DISPLAYTO":
		return sortValue{s: fold(displayName(m, strings.TrimPrefix(key, "DISPLAY")))}
	}
	return sortValue{}
}

// baseSubject is the comparison form of m's base subject (RFC 5256 §2.1).
func baseSubject(m *store.SortRow) string { return fold(mime.SubjectBase(subject(m))) }

func subject(m *store.SortRow) string { return m.Subject }

// addresses returns the FROM, TO or CC list of m's summary.
func addresses(m *store.SortRow, field string) []store.Address {
	if m.Summary == nil {
		return nil
	}
	switch field {
	case "FROM":
		return m.Summary.From
	case "TO":
		return m.Summary.To
	}
	return m.Summary.Cc
}

// firstMailbox is RFC 5256's sort value of an address field: the
// local part (addr-mailbox) of its first address, "" without one.
func firstMailbox(m *store.SortRow, field string) string {
	if field == "FROM" {
		return m.FromMailbox // store.SummaryFirstFrom
	}
	if l := addresses(m, field); len(l) > 0 {
		return l[0].Mailbox
	}
	return ""
}

// displayName is RFC 5957's value: the display name of the first address
// if it has one, else its addr-spec.
func displayName(m *store.SortRow, field string) string {
	l := addresses(m, field)
	switch {
	case len(l) == 0:
		return ""
	case l[0].Name != "":
		return l[0].Name
	case l[0].Host != "":
		return l[0].Mailbox + "@" + l[0].Host
	}
	return l[0].Mailbox
}

// fold is the comparison form of a string for the i;unicode-casemap
// collation (RFC 5051), approximated by simple Unicode case folding
// without decomposition.
func fold(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Map(func(r rune) rune { return unicode.ToLower(unicode.ToUpper(r)) }, s)
		}
		upper = upper || 'A' <= s[i] && s[i] <= 'Z'
	}
	// ASCII, which folds to lower case (the Kelvin sign and the long s,
	// which fold to k and s, are not ASCII): a SORT (FROM) over 100 000
	// mailboxes mostly already in lower case allocates nothing here.
	if upper {
		return strings.ToLower(s)
	}
	return s
}

// esortResponse answers SORT RETURN (RFC 5267 §4.2): ESEARCH with MIN and
// MAX the first and last messages in sort order, ALL in sort order.
func (s *Session) esortResponse(cmd *wire.Command, p *wire.Search, nums []uint32) {
	opts := p.Return
	if !opts.ReturnMin && !opts.ReturnMax && !opts.ReturnAll && !opts.ReturnCount {
		opts.ReturnAll = true
	}
	data := &imap.SearchData{Count: uint32(len(nums))}
	if len(nums) > 0 {
		data.Min, data.Max = nums[0], nums[len(nums)-1]
		data.All = orderedSet(nums)
	}
	s.w.ESearch(cmd.Tag, cmd.UID, opts, data)
}

// orderedSet writes nums as a set in their given order, runs of
// consecutive ascending numbers as ranges.
func orderedSet(nums []uint32) imap.SeqSet {
	var set imap.SeqSet
	for _, n := range nums {
		if l := len(set); l > 0 && set[l-1].Stop+1 == n {
			set[l-1].Stop = n
			continue
		}
		set = append(set, imap.SeqRange{Start: n, Stop: n})
	}
	return set
}

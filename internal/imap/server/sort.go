package server

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

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
	msgs, err := s.matchingSummaries(p.Charset, &p.Criteria)
	if err != nil {
		return err
	}
	sortMessages(msgs, p.Keys)
	nums := make([]uint32, 0, len(msgs))
	for _, m := range msgs {
		if cmd.UID {
			nums = append(nums, uint32(m.UID))
		} else if seq := s.sel.view.seq(m.UID); seq != 0 {
			nums = append(nums, seq)
		}
	}
	if p.ESearch {
		s.esortResponse(cmd, &p.Search, nums)
	} else {
		s.w.Sort(nums)
	}
	return s.update(false)
}

// matchingSummaries returns the messages a SORT or THREAD program
// selects, with the summaries stored at delivery.
func (s *Session) matchingSummaries(charset string, c *wire.Criteria) ([]store.Message, error) {
	if err := checkCharset(charset); err != nil {
		return nil, err
	}
	matches, _, err := s.searchMatches(c)
	if err != nil {
		return nil, err
	}
	msgs, err := s.sel.mbox.Fetch(s.ctx, uidSet(matches), store.FetchOptions{Summary: true})
	return msgs, storeError(err)
}

// sortMessages orders msgs by keys; the sort is stable over UID order,
// which is the mailbox's order.
func sortMessages(msgs []store.Message, keys []wire.SortKey) {
	slices.SortStableFunc(msgs, func(a, b store.Message) int {
		for _, k := range keys {
			c := compareBy(k.Key, &a, &b)
			if k.Reverse {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return cmp.Compare(a.UID, b.UID)
	})
}

// compareBy compares two messages by one RFC 5256 / RFC 5957 key.
func compareBy(key string, a, b *store.Message) int {
	switch key {
	case "ARRIVAL":
		return a.InternalDate.Compare(b.InternalDate)
	case "DATE":
		return sentDate(a).Compare(sentDate(b))
	case "SIZE":
		return cmp.Compare(a.Size, b.Size)
	case "SUBJECT":
		return cmp.Compare(fold(mime.SubjectBase(subject(a))), fold(mime.SubjectBase(subject(b))))
	case "FROM", "TO", "CC":
		return cmp.Compare(fold(firstMailbox(a, key)), fold(firstMailbox(b, key)))
	case "DISPLAYFROM", "DISPLAYTO":
		f := strings.TrimPrefix(key, "DISPLAY")
		return cmp.Compare(fold(displayName(a, f)), fold(displayName(b, f)))
	}
	return 0
}

func subject(m *store.Message) string {
	if m.Summary == nil {
		return ""
	}
	return m.Summary.Subject
}

// addresses returns the FROM, TO or CC list of m's summary.
func addresses(m *store.Message, field string) []store.Address {
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
func firstMailbox(m *store.Message, field string) string {
	if l := addresses(m, field); len(l) > 0 {
		return l[0].Mailbox
	}
	return ""
}

// displayName is RFC 5957's value: the display name of the first address
// if it has one, else its addr-spec.
func displayName(m *store.Message, field string) string {
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
	return strings.Map(func(r rune) rune { return unicode.ToLower(unicode.ToUpper(r)) }, s)
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

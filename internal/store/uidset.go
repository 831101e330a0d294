package store

import (
	"fmt"
	"slices"

	"github.com/emersion/go-imap/v2"
)

// ResolveUIDs turns a UID set into sorted, merged, non-overlapping closed
// ranges, with 0 ("*") replaced by highest, the highest UID in the mailbox.
// As RFC 9051 §9 says of seq-range, "n:m" and "m:n" are the same range, so
// "100:*" on a mailbox whose highest UID is 50 means 50:100. The SEARCHRES
// marker "$" must be resolved by the caller.
func ResolveUIDs(set imap.UIDSet, highest imap.UID) ([]imap.UIDRange, error) {
	if imap.IsSearchRes(set) {
		return nil, fmt.Errorf("UID set $ must be resolved by the caller")
	}
	out := make([]imap.UIDRange, 0, len(set))
	for _, r := range set {
		if r.Start == 0 {
			r.Start = highest
		}
		if r.Stop == 0 {
			r.Stop = highest
		}
		if r.Start > r.Stop {
			r.Start, r.Stop = r.Stop, r.Start
		}
		if r.Stop == 0 {
			continue // "*" in an empty mailbox
		}
		if r.Start == 0 {
			r.Start = 1
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b imap.UIDRange) int { return int(int64(a.Start) - int64(b.Start)) })
	merged := out[:0]
	for _, r := range out {
		if n := len(merged); n > 0 && uint64(r.Start) <= uint64(merged[n-1].Stop)+1 {
			merged[n-1].Stop = max(merged[n-1].Stop, r.Stop)
			continue
		}
		merged = append(merged, r)
	}
	return merged, nil
}

// InRanges reports whether uid lies in one of the sorted ranges.
func InRanges(ranges []imap.UIDRange, uid imap.UID) bool {
	i, _ := slices.BinarySearchFunc(ranges, uid, func(r imap.UIDRange, u imap.UID) int {
		switch {
		case r.Stop < u:
			return -1
		case r.Start > u:
			return 1
		}
		return 0
	})
	return i < len(ranges) && ranges[i].Start <= uid && uid <= ranges[i].Stop
}

package telemetry

import (
	"cmp"
	"slices"
)

// Placeholder replaces each masked byte range in the log.
const Placeholder = "***"

// Mask returns p with each range spans[i] = [start, end) replaced by
// Placeholder; ranges are clipped to p and merged where they overlap or
// touch. It returns p itself when nothing is masked.
func Mask(p []byte, spans [][2]int) []byte {
	if len(clip(spans, len(p))) == 0 {
		return p
	}
	return appendMasked(nil, p, spans)
}

// appendMasked appends p to dst with spans masked.
func appendMasked(dst, p []byte, spans [][2]int) []byte {
	pos := 0
	for _, s := range merge(clip(spans, len(p))) {
		dst = append(dst, p[pos:s[0]]...)
		dst = append(dst, Placeholder...)
		pos = s[1]
	}
	return append(dst, p[pos:]...)
}

// clip returns the non-empty parts of spans inside [0, n), in a new slice
// (callers' spans are never modified).
func clip(spans [][2]int, n int) [][2]int {
	var out [][2]int
	for _, s := range spans {
		a, b := max(s[0], 0), min(s[1], n)
		if a < b {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

// merge sorts spans in place and joins those that overlap or touch.
func merge(spans [][2]int) [][2]int {
	slices.SortFunc(spans, func(x, y [2]int) int { return cmp.Compare(x[0], y[0]) })
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

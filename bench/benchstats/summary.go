package benchstats

import (
	"slices"
	"time"
)

// Summary is the latency distribution of one run.
type Summary struct {
	N                  int
	P50, P90, P99, Max time.Duration
}

// Summarize computes p50, p90, p99 and the maximum of samples, sorting
// one copy for all four.
func Summarize(samples []time.Duration) Summary {
	s := slices.Sorted(slices.Values(samples))
	sum := Summary{N: len(s)}
	if len(s) == 0 {
		return sum
	}
	sum.P50 = percentileSorted(s, 50)
	sum.P90 = percentileSorted(s, 90)
	sum.P99 = percentileSorted(s, 99)
	sum.Max = s[len(s)-1]
	return sum
}

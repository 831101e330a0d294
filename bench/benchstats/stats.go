// Package benchstats condenses a benchmark's samples into the figures its
// results report: nearest-rank percentiles of latencies within one run,
// and medians across repeated runs.
package benchstats

import (
	"math"
	"slices"
	"time"
)

// Percentile returns the p-th percentile (0 < p ≤ 100) of samples by the
// nearest-rank method: the smallest sample with at least p% of the samples
// at or below it. It never interpolates, so every reported latency is one a
// client really saw. It returns 0 for no samples and sorts a copy, leaving
// samples as they were.
func Percentile(samples []time.Duration, p float64) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	return percentileSorted(slices.Sorted(slices.Values(samples)), p)
}

// percentileSorted is Percentile on samples already in ascending order.
func percentileSorted(s []time.Duration, p float64) time.Duration {
	if len(s) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	rank = min(max(rank, 1), len(s))
	return s[rank-1]
}

// Median returns the median of xs (the mean of the middle two for an even
// count), or 0 for none. Repetitions are combined with it so one disturbed
// run does not move the reported figure.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// MedianDuration is Median over durations, rounded to the nanosecond.
func MedianDuration(ds []time.Duration) time.Duration {
	xs := make([]float64, len(ds))
	for i, d := range ds {
		xs[i] = float64(d)
	}
	return time.Duration(math.Round(Median(xs)))
}

// MS is d in milliseconds, the unit of the results' latency columns.
func MS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

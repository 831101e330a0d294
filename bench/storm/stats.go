package main

import (
	"math"
	"slices"
	"time"
)

// Percentile returns the p-th percentile (0 < p ≤ 100) of samples by the
// nearest-rank method: the smallest sample with at least p% of the samples
// at or below it. It never interpolates, so every reported latency is one a
// client really saw. It returns 0 for no samples and sorts nothing in place.
func Percentile(samples []time.Duration, p float64) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	return percentileSorted(s, p)
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

// Summary is the latency distribution of one repetition.
type Summary struct {
	N                  int
	P50, P90, P99, Max time.Duration
}

// Summarize computes p50, p90, p99 and the maximum of samples.
func Summarize(samples []time.Duration) Summary {
	s := slices.Clone(samples)
	slices.Sort(s)
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

// Median returns the median of xs (the mean of the middle two for an even
// count), or 0 for none. Repetitions are combined with it so one disturbed
// run does not move the reported figure.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// MedianDuration is Median over durations.
func MedianDuration(ds []time.Duration) time.Duration {
	xs := make([]float64, len(ds))
	for i, d := range ds {
		xs[i] = float64(d)
	}
	return time.Duration(math.Round(Median(xs)))
}

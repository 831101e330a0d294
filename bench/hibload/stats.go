package main

import (
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// dist is a latency distribution in milliseconds.
type dist struct {
	n             int
	p50, p99, max float64
}

// summarize is the distribution of samples.
func summarize(samples []time.Duration) dist {
	s := benchstats.Summarize(samples)
	return dist{n: s.N, p50: benchstats.MS(s.P50), p99: benchstats.MS(s.P99), max: benchstats.MS(s.Max)}
}

// overRuns combines the runs' own distributions: each figure is the
// median of the runs', so one disturbed run does not move it; n is the
// samples of all runs. p99s lists each run's p99.
func overRuns(runs []dist) (d dist, p99s []float64) {
	var p50, p99, mx []float64
	for _, r := range runs {
		if r.n == 0 {
			continue
		}
		d.n += r.n
		p50, p99, mx = append(p50, r.p50), append(p99, r.p99), append(mx, r.max)
	}
	d.p50, d.p99, d.max = benchstats.Median(p50), benchstats.Median(p99), benchstats.Median(mx)
	return d, p99
}

package main

import (
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// dist is a wake-up distribution in milliseconds.
type dist struct{ p50, p90, p99, max float64 }

// summarize is one run's distribution.
func summarize(rr runResult) dist {
	s := benchstats.Summarize(rr.waits)
	return dist{benchstats.MS(s.P50), benchstats.MS(s.P90), benchstats.MS(s.P99), benchstats.MS(s.Max)}
}

// warmFigures are the timed runs taken together: each percentile the
// median of the runs' own, so one disturbed run does not move it, and
// the counts summed.
type warmFigures struct {
	dist
	p99s                             []float64 // per run
	firstP50, firstP99               float64   // of each delivery's first wake-up
	deliveries, wakes, missed, early int
	cpu                              serverCPU // summed over the runs
	elapsed                          time.Duration
	foreign                          []float64 // per run, where known
}

func figures(runs []runResult) warmFigures {
	f := warmFigures{cpu: serverCPU{}}
	var p50, p90, p99, mx, f50, f99 []float64
	for _, rr := range runs {
		fs := benchstats.Summarize(rr.firsts)
		f50, f99 = append(f50, benchstats.MS(fs.P50)), append(f99, benchstats.MS(fs.P99))
		d := summarize(rr)
		p50, p90, p99, mx = append(p50, d.p50), append(p90, d.p90), append(p99, d.p99), append(mx, d.max)
		f.deliveries += rr.deliveries
		f.wakes += len(rr.waits)
		f.missed += rr.missed
		f.early += rr.early
		f.cpu.add(rr.cpu)
		f.elapsed += rr.elapsed
		if rr.foreign >= 0 {
			f.foreign = append(f.foreign, rr.foreign)
		}
	}
	f.dist = dist{benchstats.Median(p50), benchstats.Median(p90), benchstats.Median(p99), benchstats.Median(mx)}
	f.p99s = p99
	f.firstP50, f.firstP99 = benchstats.Median(f50), benchstats.Median(f99)
	return f
}

// work is program's CPU time in the runs less what it uses at rest
// (rest: CPU time per second of wall time), never below 0: the cost of
// the deliveries themselves.
func (f warmFigures) work(program string, rest serverCPU) time.Duration {
	idle := time.Duration(float64(rest[program]) * f.elapsed.Seconds())
	return max(0, f.cpu[program]-idle)
}

// perDelivery is program's work per delivery in ms, 0 with none.
func (f warmFigures) perDelivery(program string, rest serverCPU) float64 {
	if f.deliveries == 0 {
		return 0
	}
	return benchstats.MS(f.work(program, rest)) / float64(f.deliveries)
}

// perWake is program's work per session woken in ms, 0 with none.
func (f warmFigures) perWake(program string, rest serverCPU) float64 {
	if f.wakes == 0 {
		return 0
	}
	return benchstats.MS(f.work(program, rest)) / float64(f.wakes)
}

package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// stormResult is every repetition of one storm case.
type stormResult struct {
	Case stormCase
	Reps []stormRep
}

// median is the median over repetitions of one figure.
func (r stormResult) median(f func(stormRep) time.Duration) time.Duration {
	ds := make([]time.Duration, len(r.Reps))
	for i, rep := range r.Reps {
		ds[i] = f(rep)
	}
	return benchstats.MedianDuration(ds)
}

func (r stormResult) p50() time.Duration {
	return r.median(func(s stormRep) time.Duration { return s.P50 })
}
func (r stormResult) p90() time.Duration {
	return r.median(func(s stormRep) time.Duration { return s.P90 })
}
func (r stormResult) p99() time.Duration {
	return r.median(func(s stormRep) time.Duration { return s.P99 })
}
func (r stormResult) max() time.Duration {
	return r.median(func(s stormRep) time.Duration { return s.Max })
}

// forkResult is every repetition of one fork-rate case.
type forkResult struct {
	Case forkCase
	Reps []forkRep
}

func (r forkResult) medianDur(f func(forkRep) time.Duration) time.Duration {
	ds := make([]time.Duration, len(r.Reps))
	for i, rep := range r.Reps {
		ds[i] = f(rep)
	}
	return benchstats.MedianDuration(ds)
}

func (r forkResult) medianRate(f func(forkRep, int) float64) float64 {
	xs := make([]float64, len(r.Reps))
	for i, rep := range r.Reps {
		xs[i] = f(rep, r.Case.Workers)
	}
	return benchstats.Median(xs)
}

func (r forkResult) rate() float64 { return r.medianRate(forkRep.Rate) }
func (r forkResult) foreign() float64 {
	return r.medianRate(func(f forkRep, _ int) float64 { return f.Foreign })
}
func (r forkResult) masterCPU() time.Duration {
	return r.medianDur(func(f forkRep) time.Duration { return f.MasterCPU })
}
func (r forkResult) workerCPU() time.Duration {
	return r.medianDur(func(f forkRep) time.Duration { return f.WorkerCPU })
}
func (r forkResult) steady() float64 { return r.medianRate(forkRep.SteadyRate) }

// fmtMS renders a duration in milliseconds with precision that suits its
// size.
func fmtMS(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case ms < 10:
		return fmt.Sprintf("%.2f", ms)
	case ms < 100:
		return fmt.Sprintf("%.1f", ms)
	}
	return fmt.Sprintf("%.0f", ms)
}

// stormTable renders the storm results as a markdown table.
func stormTable(rs []stormResult, rounds int) string {
	var b strings.Builder
	b.WriteString("| prefork | maxchild | clients | p50 ms | p90 ms | p99 ms | max ms | p99 per run ms | forks per round | worker wake-ups per conn | workers after | failed | other load | case |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|\n")
	for _, r := range rs {
		c := r.Case
		var p99s []time.Duration
		var forks, wakeups, workers, foreign []float64
		failed := 0
		for _, rep := range r.Reps {
			p99s = append(p99s, rep.P99)
			failed += rep.Failed
			forks = append(forks, float64(rep.Forks)/float64(c.rounds(rounds)))
			wakeups = append(wakeups, rep.WakeupsPerConn)
			workers = append(workers, float64(rep.Workers))
			foreign = append(foreign, 100*rep.Foreign)
		}
		slices.Sort(p99s)
		each := make([]string, len(p99s))
		for i, d := range p99s {
			each[i] = fmtMS(d)
		}
		prefork, maxchild := fmt.Sprint(c.Prefork), fmt.Sprint(c.MaxChild)
		forksCol, workersCol := fmt.Sprintf("%.1f", benchstats.Median(forks)), fmt.Sprintf("%.0f", benchstats.Median(workers))
		if c.Ref {
			prefork, maxchild, forksCol, workersCol = "–", "–", "–", "–"
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | **%s** | %s | %s | %s | %.0f | %s | %d | %.0f %% | %s |\n",
			prefork, maxchild, c.Clients,
			fmtMS(r.p50()), fmtMS(r.p90()), fmtMS(r.p99()), fmtMS(r.max()),
			strings.Join(each, " / "), forksCol, benchstats.Median(wakeups), workersCol, failed, benchstats.Median(foreign), c.describe(rounds))
	}
	return b.String()
}

// describe is the case column: the note plus any non-default setting.
func (c stormCase) describe(rounds int) string {
	var extra []string
	if c.Backlog > 0 {
		extra = append(extra, fmt.Sprintf("master -l %d", c.Backlog))
	}
	if c.Uses > 0 {
		extra = append(extra, fmt.Sprintf("worker -U %d", c.Uses))
	}
	if c.GoMaxProcs > 0 {
		extra = append(extra, fmt.Sprintf("GOMAXPROCS=%d", c.GoMaxProcs))
	}
	if n := c.rounds(rounds); n != rounds {
		extra = append(extra, fmt.Sprintf("%d rounds per run", n))
	}
	if len(extra) == 0 {
		return c.Note
	}
	return c.Note + " (" + strings.Join(extra, ", ") + ")"
}

// forkTable renders the fork-rate results as a markdown table.
func forkTable(rs []forkResult) string {
	var b strings.Builder
	b.WriteString("| prefork | maxchild | maxforkrate | start → 1st worker ms | start → all ms | forks/s overall | forks/s 2nd half | master CPU per fork ms | worker start-up CPU ms | other load | case |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range rs {
		c := r.Case
		rate := "none"
		if c.MaxForkRate > 0 {
			rate = fmt.Sprint(c.MaxForkRate)
		}
		fmt.Fprintf(&b, "| %d | %d | %s | %s | %s | %.0f | %.1f | %s | %s | %.0f %% | %s |\n",
			c.Workers, c.MaxChild, rate,
			fmtMS(r.medianDur(func(f forkRep) time.Duration { return f.First })),
			fmtMS(r.medianDur(func(f forkRep) time.Duration { return f.All })),
			r.rate(), r.steady(), fmtMS(r.masterCPU()), fmtMS(r.workerCPU()), 100*r.foreign(), c.Note)
	}
	return b.String()
}

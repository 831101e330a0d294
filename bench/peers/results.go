package main

import (
	"github.com/corvusmail/corvus/bench/benchstats"
)

// figures are the numbers one run measured on one instance, by metric
// key ("lmtp.rate", "wake.p99", …).
type figures map[string]float64

// results collects every run's figures per instance, in the order the
// instances were added, for medians and per-run columns.
type results struct {
	runs  map[string]map[string][]float64 // instance → metric → one value per run
	notes map[string][]string             // instance → remarks for the section
	busy  []float64                       // CPU busy before each run (cpuload)
}

func newResults() *results {
	return &results{runs: map[string]map[string][]float64{}, notes: map[string][]string{}}
}

// add appends each of f's values to the instance's runs.
func (r *results) add(instance string, f figures) {
	m := r.runs[instance]
	if m == nil {
		m = map[string][]float64{}
		r.runs[instance] = m
	}
	for k, v := range f {
		m[k] = append(m[k], v)
	}
}

// note records a remark on an instance.
func (r *results) note(instance, text string) {
	r.notes[instance] = append(r.notes[instance], text)
}

// perRun is every run's value of key on instance, in run order.
func (r *results) perRun(instance, key string) []float64 {
	return r.runs[instance][key]
}

// median is the median over runs of key on instance; false if there is
// no run.
func (r *results) median(instance, key string) (float64, bool) {
	xs := r.perRun(instance, key)
	if len(xs) == 0 {
		return 0, false
	}
	return benchstats.Median(xs), true
}

package main

import (
	"slices"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	var s []time.Duration
	for i := 1; i <= 100; i++ {
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	d := summarize(s)
	if d.n != 100 || d.p50 != 50 || d.p99 != 99 || d.max != 100 {
		t.Fatalf("summarize = %+v", d)
	}
	if d := summarize(nil); d != (dist{}) {
		t.Fatalf("summarize(nil) = %+v", d)
	}
}

func TestOverRuns(t *testing.T) {
	runs := []dist{
		{n: 10, p50: 1, p99: 5, max: 9},
		{n: 10, p50: 2, p99: 50, max: 90},
		{n: 0}, // a run without samples is left out
		{n: 10, p50: 3, p99: 4, max: 8},
	}
	d, p99s := overRuns(runs)
	if d.n != 30 || d.p50 != 2 || d.p99 != 5 || d.max != 9 {
		t.Fatalf("overRuns = %+v", d)
	}
	if !slices.Equal(p99s, []float64{5, 50, 4}) {
		t.Fatalf("p99s = %v", p99s)
	}
}

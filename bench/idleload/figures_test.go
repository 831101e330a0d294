package main

import (
	"slices"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	// 100 wake-ups of 1..100 ms: nearest rank gives p50 50, p90 90,
	// p99 99, max 100.
	var rr runResult
	for i := 100; i >= 1; i-- {
		rr.waits = append(rr.waits, time.Duration(i)*time.Millisecond)
	}
	if got, want := summarize(rr), (dist{50, 90, 99, 100}); got != want {
		t.Errorf("summarize = %+v, want %+v", got, want)
	}
	if got := summarize(runResult{}); got != (dist{}) {
		t.Errorf("summarize(no wake-ups) = %+v", got)
	}
}

func TestFigures(t *testing.T) {
	run := func(wait, first float64, missed, early int, imapd time.Duration, foreign float64) runResult {
		return runResult{deliveries: 2, waits: ms(4, wait), firsts: ms(2, first), missed: missed, early: early,
			cpu: serverCPU{"imapd": imapd}, foreign: foreign, elapsed: time.Second}
	}
	f := figures([]runResult{
		run(3, 1, 0, 1, 4*time.Millisecond, 0.1),
		run(100, 50, 2, 0, 8*time.Millisecond, -1), // one disturbed run
		run(4, 2, 0, 0, 12*time.Millisecond, 0.3),
	})
	if f.p99 != 4 || f.p50 != 4 || f.max != 4 {
		t.Errorf("medians over runs = %+v, want 4 ms each", f.dist)
	}
	if !slices.Equal(f.p99s, []float64{3, 100, 4}) {
		t.Errorf("p99 per run = %v", f.p99s)
	}
	if f.firstP50 != 2 || f.firstP99 != 2 {
		t.Errorf("first wake-ups = %v, %v; want 2, 2", f.firstP50, f.firstP99)
	}
	if f.deliveries != 6 || f.wakes != 12 || f.missed != 2 || f.early != 1 {
		t.Errorf("counts = %d deliveries, %d wakes, %d missed, %d early", f.deliveries, f.wakes, f.missed, f.early)
	}
	if f.perDelivery("imapd", nil) != 4 || f.perWake("imapd", nil) != 2 || f.perWake("idled", nil) != 0 {
		t.Errorf("CPU per delivery %v, per wake-up %v, idled %v; want 4, 2, 0", f.perDelivery("imapd", nil), f.perWake("imapd", nil), f.perWake("idled", nil))
	}
	// 1 ms/s at rest over the runs' 3 s leaves 21 ms of work.
	rest := serverCPU{"imapd": time.Millisecond, "idled": time.Second}
	if f.perDelivery("imapd", rest) != 3.5 || f.perWake("imapd", rest) != 1.75 || f.perDelivery("idled", rest) != 0 {
		t.Errorf("net of rest: per delivery %v, per wake-up %v, idled %v; want 3.5, 1.75, 0", f.perDelivery("imapd", rest), f.perWake("imapd", rest), f.perDelivery("idled", rest))
	}
	if !slices.Equal(f.foreign, []float64{0.1, 0.3}) {
		t.Errorf("foreign = %v, want the two known", f.foreign)
	}
	if empty := figures(nil); empty.perDelivery("imapd", rest) != 0 || empty.perWake("imapd", rest) != 0 {
		t.Errorf("figures(nil) = %+v", empty)
	}
}

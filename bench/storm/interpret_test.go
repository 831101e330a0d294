package main

import (
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// rep3 is three identical runs with the given p99 and wake-ups.
func rep3(p99 time.Duration, max time.Duration, wakeups float64, workers int) []stormRep {
	r := stormRep{Summary: benchstats.Summary{N: 640, P50: p99 / 4, P90: p99 / 2, P99: p99, Max: max}, WakeupsPerConn: wakeups, Workers: workers}
	return []stormRep{r, r, r}
}

func TestInterpretation(t *testing.T) {
	ms := time.Millisecond
	res := results{
		storm: []stormResult{
			{Case: stormCase{Ref: true, Clients: 32}, Reps: rep3(5*ms, 6*ms, 2, 0)},
			{Case: stormCase{Prefork: 8, MaxChild: 64, Clients: 32}, Reps: rep3(10*ms, 20*ms, 40, 16)},
			{Case: stormCase{Prefork: 32, MaxChild: 64, Clients: 32}, Reps: rep3(20*ms, 30*ms, 60, 45)},
			{Case: stormCase{Prefork: 32, MaxChild: 64, Clients: 32, GoMaxProcs: 1}, Reps: rep3(3*ms, 5*ms, 14, 45)},
			{Case: stormCase{Prefork: 0, MaxChild: 64, Clients: 32, Uses: 1}, Reps: rep3(600*ms, 700*ms, 0, 0)},
			{Case: stormCase{Prefork: 16, MaxChild: 16, Clients: 64}, Reps: rep3(1008*ms, 1030*ms, 34, 16)},
			{Case: stormCase{Prefork: 16, MaxChild: 16, Clients: 64, Backlog: 128}, Reps: rep3(22*ms, 40*ms, 34, 16)},
		},
		fork: []forkResult{
			{Case: forkCase{Workers: 100, MaxChild: 200}, Reps: []forkRep{{First: 30 * ms, Half: 700 * ms, All: 1400 * ms, MasterCPU: 2 * ms, WorkerCPU: 27 * ms}}},
			{Case: forkCase{Workers: 100, MaxChild: 200, MaxForkRate: 20}, Reps: []forkRep{{First: 30 * ms, Half: 1800 * ms, All: 4300 * ms}}},
		},
		foreign: []float64{0, 0.3},
	}
	text := res.interpretation()
	for _, want := range []string{
		"Caution: other processes took up to 30 %",
		"master's p99 was 20.0 ms, which misses it by a factor of 10.0",
		"took 4.0× as long",
		"master can beat it (3.00 ms with prefork=32 maxchild=64 GOMAXPROCS=1)",
		"The count grows with the number of worker processes",
		"With GOMAXPROCS=1 in the workers' environment the count fell to 14",
		"32 start-ups in a row (about 27.0 ms of CPU",
		"lost their SYN and were retried by the kernel after 1 s (with -l 128: p99 22.0 ms",
		"CPUs can start at 27.0 ms of CPU per worker",
		"the rate over the second half was 20.0/s: pacing works",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("interpretation lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "%!") {
		t.Errorf("formatting error in:\n%s", text)
	}
	// Nothing measured: nothing to say, and no panic.
	if got := (results{}).interpretation(); got != "" {
		t.Errorf("empty results give %q", got)
	}
}

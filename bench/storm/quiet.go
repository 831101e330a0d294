package main

import (
	"context"
	"fmt"
	"os"
	"time"
)

// The machine is shared (other builds and tests may run on it), and on two
// cores any other work shows in the latencies. Before each run storm waits,
// a bounded time, for the CPUs to be nearly idle, and records how busy they
// were so the results say what they were taken under.
const (
	quietBusy   = 0.15                   // busy fraction counted as quiet
	quietSample = 500 * time.Millisecond // one measurement
	quietMax    = 10 * time.Second       // longest wait before one run
)

// quietBudget is the total storm may spend waiting, so a busy machine
// cannot stretch `make bench` much past its usual few minutes.
var quietBudget = 45 * time.Second

// waitQuiet waits until the CPUs were at most quietBusy busy over one
// sample, or the waits have used up their time, and returns the last busy
// fraction seen (of all CPUs, 0..1).
func waitQuiet(ctx context.Context) float64 {
	start := time.Now()
	for {
		busy, err := cpuBusy(quietSample)
		if err != nil {
			return -1
		}
		spent := time.Since(start)
		if busy <= quietBusy || spent >= quietMax || spent >= quietBudget || ctx.Err() != nil {
			quietBudget -= spent
			if busy > quietBusy {
				fmt.Fprintf(os.Stderr, "storm: CPUs %.0f%% busy with other work; measuring anyway\n", 100*busy)
			}
			return busy
		}
	}
}

// cpuBusy samples /proc/stat over d and returns the busy fraction of all
// CPUs (everything but idle and iowait).
func cpuBusy(d time.Duration) (float64, error) {
	b0, t0, err := cpuTimes()
	if err != nil {
		return 0, err
	}
	time.Sleep(d)
	b1, t1, err := cpuTimes()
	if err != nil {
		return 0, err
	}
	if t1 <= t0 {
		return 0, nil
	}
	return float64(b1-b0) / float64(t1-t0), nil
}

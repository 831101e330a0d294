package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The machine is shared; as bench/storm does, each run waits a bounded
// time for the CPUs to be nearly idle and records how busy they were.
const (
	quietBusy   = 0.15
	quietSample = 500 * time.Millisecond
	quietMax    = 10 * time.Second
)

// quietBudget is the total spent waiting, so a busy machine cannot
// stretch the run much.
var quietBudget = 30 * time.Second

// waitQuiet waits until the CPUs were at most quietBusy busy over one
// sample, or the wait used its time, and returns the last busy fraction.
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
				fmt.Fprintf(os.Stderr, "imapload: CPUs %.0f%% busy with other work; measuring anyway\n", 100*busy)
			}
			return busy
		}
	}
}

// cpuBusy samples /proc/stat over d and returns the busy fraction.
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

// cpuTimes returns busy and total jiffies from the "cpu" line of /proc/stat.
func cpuTimes() (busy, total uint64, err error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, fmt.Errorf("read /proc/stat: %w", err)
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return parseCPULine(string(line))
}

// parseCPULine reads "cpu user nice system idle iowait irq softirq steal
// …". Busy is user, nice, system and steal (another guest on our host's
// CPUs): the time processes can be charged with, plus steal, which is
// nobody's here. Interrupt time is left out of busy as it is charged to no
// process (loopback traffic is largely softirq work done for us). Guest
// times are already part of user and nice, so only eight fields count.
func parseCPULine(line string) (busy, total uint64, err error) {
	f := strings.Fields(line)
	if len(f) < 5 || f[0] != "cpu" {
		return 0, 0, fmt.Errorf("unexpected /proc/stat line %q", line)
	}
	for i, s := range f[1:min(len(f), 9)] {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("unexpected /proc/stat line %q", line)
		}
		total += v
		if i == 0 || i == 1 || i == 2 || i == 7 {
			busy += v
		}
	}
	return busy, total, nil
}

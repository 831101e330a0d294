// Package cpuload reads how busy the machine's CPUs are, for benchmark
// programs that share their machine with other work: each measurement
// waits, a bounded time, for the CPUs to be nearly idle and records how
// busy they were, so the results say what they were taken under.
package cpuload

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The quiet test, also printed in results so readers know it.
const (
	// QuietBusy is the busy fraction of all CPUs counted as quiet.
	QuietBusy = 0.15
	// QuietMax is the longest wait before one run.
	QuietMax    = 10 * time.Second
	quietSample = 500 * time.Millisecond // one measurement
)

// Waiter waits for quiet CPUs before each run of one benchmark program.
type Waiter struct {
	// Prog names the program in its message on stderr.
	Prog string
	// Budget is the total all waits may take, so a busy machine cannot
	// stretch a benchmark much past its usual duration.
	Budget time.Duration
}

// Wait waits until the CPUs were at most 15 % busy over one half-second
// sample, or 10 s have passed, or the budget is used up, and returns the
// last busy fraction seen (of all CPUs, 0..1; -1 if /proc/stat is
// unreadable).
func (w *Waiter) Wait(ctx context.Context) float64 {
	start := time.Now()
	for {
		busy, err := Busy(quietSample)
		if err != nil {
			return -1
		}
		spent := time.Since(start)
		if busy <= QuietBusy || spent >= QuietMax || spent >= w.Budget || ctx.Err() != nil {
			w.Budget -= spent
			if busy > QuietBusy {
				fmt.Fprintf(os.Stderr, "%s: CPUs %.0f%% busy with other work; measuring anyway\n", w.Prog, 100*busy)
			}
			return busy
		}
	}
}

// Busy samples /proc/stat over d and returns the busy fraction of all
// CPUs.
func Busy(d time.Duration) (float64, error) {
	b0, t0, err := Times()
	if err != nil {
		return 0, err
	}
	time.Sleep(d)
	b1, t1, err := Times()
	if err != nil {
		return 0, err
	}
	if t1 <= t0 {
		return 0, nil
	}
	return float64(b1-b0) / float64(t1-t0), nil
}

// Times returns busy and total jiffies from the "cpu" line of /proc/stat.
func Times() (busy, total uint64, err error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, fmt.Errorf("read /proc/stat: %w", err)
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return ParseLine(string(line))
}

// ParseLine reads "cpu user nice system idle iowait irq softirq steal
// …". Busy is user, nice, system and steal (another guest on our host's
// CPUs): the time processes can be charged with, plus steal, which is
// nobody's here. Interrupt time is left out of busy as it is charged to no
// process (loopback traffic is largely softirq work done for us). Guest
// times are already part of user and nice, so only eight fields count.
func ParseLine(line string) (busy, total uint64, err error) {
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

package main

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/cpuload"
	"github.com/corvusmail/corvus/bench/procstat"
	"golang.org/x/sys/unix"
)

// cpuUse is one reading of CPU time in nanoseconds: the machine's, and
// that of storm and the server it measures.
type cpuUse struct{ total, busy, ours int64 }

// clockTick is the unit of /proc/stat and of a process's stat times
// (USER_HZ, 100 on Linux for every architecture storm runs on).
const clockTick = 10 * time.Millisecond

// readCPUUse reads the machine's CPU time and ours: storm itself, the
// server process with the children it has reaped, and its live children.
// Per-process tick counts are truncated for each process, which over a
// hundred short-lived workers loses a whole second; so live processes are
// read from schedstat (nanoseconds), and only reaped children, summed by
// the kernel before truncation, come in ticks.
func readCPUUse(server int) cpuUse {
	var u cpuUse
	busy, total, _ := cpuload.Times()
	u.busy, u.total = int64(busy)*int64(clockTick), int64(total)*int64(clockTick)
	var ru unix.Rusage
	if unix.Getrusage(unix.RUSAGE_SELF, &ru) == nil {
		u.ours = ru.Utime.Nano() + ru.Stime.Nano()
	}
	u.ours += onCPU(server)
	if t, ok := readTimes(server); ok {
		u.ours += int64(t.reaped) * int64(clockTick)
	}
	for _, k := range procstat.Children(server) {
		u.ours += onCPU(k.PID)
	}
	return u
}

// onCPU is the time the live threads of pid have run, from schedstat.
func onCPU(pid int) int64 {
	dir := "/proc/" + strconv.Itoa(pid) + "/task"
	tasks, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var sum int64
	for _, t := range tasks {
		b, err := os.ReadFile(dir + "/" + t.Name() + "/schedstat")
		if err != nil {
			continue
		}
		f := strings.Fields(string(b))
		if len(f) > 0 {
			n, _ := strconv.ParseInt(f[0], 10, 64)
			sum += n
		}
	}
	return sum
}

// foreignShare is the share of all CPU time between two readings that
// went to other work than ours (0..1).
func foreignShare(a, b cpuUse) float64 {
	if b.total <= a.total {
		return 0
	}
	busy, ours := b.busy-a.busy, b.ours-a.ours
	if ours >= busy {
		return 0
	}
	return float64(busy-ours) / float64(b.total-a.total)
}

// procTimes is a process's CPU time in clock ticks: its own (utime+stime)
// and that of its children it has waited for (cutime+cstime).
type procTimes struct{ own, reaped uint64 }

// readTimes reads fields 14 to 17 of /proc/<pid>/stat.
func readTimes(pid int) (procTimes, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procTimes{}, false
	}
	return parseTimes(b)
}

func parseTimes(b []byte) (procTimes, bool) {
	// Field n is at index n-3, so utime (14) is at 11.
	f := procstat.Fields(b)
	if len(f) < 15 {
		return procTimes{}, false
	}
	var v [4]uint64
	for j := range v {
		n, err := strconv.ParseUint(f[11+j], 10, 64)
		if err != nil {
			return procTimes{}, false
		}
		v[j] = n
	}
	return procTimes{own: v[0] + v[1], reaped: v[2] + v[3]}, true
}

package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/bench/procstat"
)

// allSleeping reports whether every kid is blocked (S): workers that have
// finished starting up and wait on the accept lock or in accept.
func allSleeping(kids []procstat.Proc) bool {
	for _, k := range kids {
		if k.State != 'S' {
			return false
		}
	}
	return true
}

// voluntarySwitches returns, per pid, the voluntary context switches of all
// its threads: each is a sleep, so a later wake-up. Comparing two snapshots
// shows how often workers were woken, whether or not they had work.
func voluntarySwitches(pids []int) map[int]int64 {
	out := make(map[int]int64, len(pids))
	for _, pid := range pids {
		tasks, err := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/task")
		if err != nil {
			continue
		}
		var sum int64
		for _, t := range tasks {
			b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/task/" + t.Name() + "/status")
			if err != nil {
				continue
			}
			sum += statusField(b, "voluntary_ctxt_switches:")
		}
		out[pid] = sum
	}
	return out
}

// statusField returns the number after key in a /proc status file, or 0.
func statusField(b []byte, key string) int64 {
	i := bytes.Index(b, []byte("\n"+key))
	if i < 0 {
		return 0
	}
	rest := b[i+1+len(key):]
	if j := bytes.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	n, _ := strconv.ParseInt(strings.TrimSpace(string(rest)), 10, 64)
	return n
}

// switchesSince is how many voluntary switches happened between two
// snapshots, over the processes of the later one (new ones count in full;
// ones that exited in between are lost).
func switchesSince(before, after map[int]int64) int64 {
	var d int64
	for pid, n := range after {
		d += n - before[pid]
	}
	return d
}

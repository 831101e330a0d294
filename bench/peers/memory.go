package main

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/bench/procstat"
)

// treeMemory is the memory of a server's whole process tree at one
// moment.
type treeMemory struct {
	pssKB int            // summed PSS: what the processes cost together
	procs int            // processes read
	count map[string]int // processes per command name
}

// readTree reads the PSS of root and every process below it. A process
// that ends while it is read is left out.
func readTree(root int) treeMemory {
	tm := treeMemory{count: map[string]int{}}
	pids := append([]int{root}, procstat.PIDs(procstat.Descendants(root))...)
	for _, pid := range pids {
		m, err := procstat.ReadMemory(pid)
		if err != nil {
			continue
		}
		tm.pssKB += m.PSS
		tm.procs++
		if comm, ok := procstat.Comm(pid); ok {
			tm.count[comm]++
		}
	}
	return tm
}

// countNamed counts the processes of root's tree named comm.
func countNamed(root int, comm string) int {
	n := 0
	for _, p := range procstat.Descendants(root) {
		if c, ok := procstat.Comm(p.PID); ok && c == comm {
			n++
		}
	}
	return n
}

// describeCounts is "imapd 1032, master 1, idled 1", largest first, for
// the results.
func describeCounts(count map[string]int) string {
	names := slices.Collect(maps.Keys(count))
	slices.SortFunc(names, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + " " + strconv.Itoa(count[n])
	}
	return strings.Join(parts, ", ")
}

package main

import (
	"fmt"
	"slices"

	"github.com/corvusmail/corvus/bench/procstat"
)

// procMem is the PSS (kB) of a group of processes and how many there are.
type procMem struct{ n, pss int }

// treeMem is the memory of the server by class of process (classify).
type treeMem map[string]procMem

// readTreeMem reads smaps_rollup of master and of every process below
// it. PSS splits each shared page among its sharers, so the classes add
// up to what the whole server costs.
func readTreeMem(masterPid int) (treeMem, error) {
	m := treeMem{}
	for class, pids := range serverProcs(masterPid) {
		for _, pid := range pids {
			r, err := procstat.ReadMemory(pid)
			if err != nil {
				if pid == masterPid {
					return nil, fmt.Errorf("master: %w", err)
				}
				continue // a worker that exited meanwhile costs nothing now
			}
			p := m[class]
			p.n++
			p.pss += r.PSS
			m[class] = p
		}
	}
	return m, nil
}

// total is the PSS of every process, in kB.
func (m treeMem) total() int {
	t := 0
	for _, p := range m {
		t += p.pss
	}
	return t
}

// classes lists the classes of a and b, the usual ones first in a fixed
// order, then any other in name order.
func classes(a, b treeMem) []string {
	order := []string{classMaster, classImapd, classThaw, classIdled, classLmtpd}
	var rest []string
	for _, m := range []treeMem{a, b} {
		for c := range m {
			if !slices.Contains(order, c) && !slices.Contains(rest, c) {
				rest = append(rest, c)
			}
		}
	}
	slices.Sort(rest)
	var out []string
	for _, c := range append(order, rest...) {
		if _, ok := a[c]; ok {
			out = append(out, c)
		} else if _, ok := b[c]; ok {
			out = append(out, c)
		}
	}
	return out
}

// perConn is the growth from before to after spread over n connections,
// in kB; 0 for none.
func perConn(before, after, n int) float64 {
	if n <= 0 {
		return 0
	}
	return float64(after-before) / float64(n)
}

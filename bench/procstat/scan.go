package procstat

import (
	"os"
	"strconv"
)

// Proc is one live process as /proc shows it.
type Proc struct {
	PID   int
	State byte // as in Stat
}

// Children lists the live (not zombie) children of ppid by scanning
// /proc: the per-thread "children" file is not on every kernel.
func Children(ppid int) []Proc {
	return scan(func(st Stat) bool { return st.PPID == ppid })
}

// Group lists the pids of the live processes of process group pgrp.
func Group(pgrp int) []int {
	return PIDs(scan(func(st Stat) bool { return st.PGRP == pgrp }))
}

// PIDs lists the pids of ps.
func PIDs(ps []Proc) []int {
	out := make([]int, len(ps))
	for i, p := range ps {
		out[i] = p.PID
	}
	return out
}

// scan lists the live processes whose stat line match accepts.
func scan(match func(Stat) bool) []Proc {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []Proc
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := Read(pid); ok && st.State != 'Z' && match(st) {
			out = append(out, Proc{PID: pid, State: st.State})
		}
	}
	return out
}

package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
)

// kid is one live process as /proc shows it.
type kid struct {
	pid   int
	state byte // R, S, D, … from /proc/<pid>/stat
}

// statLine is what storm reads of /proc/<pid>/stat.
type statLine struct {
	state      byte
	ppid, pgrp int
}

// childrenOf lists the live (not zombie) children of ppid by scanning
// /proc: the per-thread "children" file is not on every kernel.
func childrenOf(ppid int) []kid {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []kid
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		st, ok := readStat(pid)
		if ok && st.ppid == ppid && st.state != 'Z' {
			out = append(out, kid{pid: pid, state: st.state})
		}
	}
	return out
}

// groupMembers lists the live processes of process group pgrp.
func groupMembers(pgrp int) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := readStat(pid); ok && st.pgrp == pgrp && st.state != 'Z' {
			out = append(out, pid)
		}
	}
	return out
}

// readStat reads /proc/<pid>/stat.
func readStat(pid int) (statLine, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return statLine{}, false
	}
	return parseStat(b)
}

// parseStat reads fields 3 (state), 4 (ppid) and 5 (pgrp) of a stat line.
// The command name in field 2 is in parentheses and may hold spaces or
// parentheses, so the fields are taken after the last ')'.
func parseStat(b []byte) (statLine, bool) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return statLine{}, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 3 || len(f[0]) != 1 {
		return statLine{}, false
	}
	ppid, err1 := strconv.Atoi(f[1])
	pgrp, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil {
		return statLine{}, false
	}
	return statLine{state: f[0][0], ppid: ppid, pgrp: pgrp}, true
}

// allSleeping reports whether every kid is blocked (S): workers that have
// finished starting up and wait on the accept lock or in accept.
func allSleeping(kids []kid) bool {
	for _, k := range kids {
		if k.state != 'S' {
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

// pids lists the pids of kids.
func pids(kids []kid) []int {
	out := make([]int, len(kids))
	for i, k := range kids {
		out[i] = k.pid
	}
	return out
}

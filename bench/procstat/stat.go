// Package procstat reads /proc/<pid>/stat, so a benchmark can find the
// processes master forked (its children) and whatever they left behind
// (its process group), and see whether they are asleep.
package procstat

import (
	"bytes"
	"os"
	"strconv"
	"strings"
)

// Stat is what the benchmarks read of /proc/<pid>/stat.
type Stat struct {
	State      byte // R, S, D, Z, … (field 3)
	PPID, PGRP int  // fields 4 and 5
}

// Read reads /proc/<pid>/stat; false if the process is gone or the line
// is not understood.
func Read(pid int) (Stat, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return Stat{}, false
	}
	return Parse(b)
}

// Parse reads fields 3 (state), 4 (ppid) and 5 (pgrp) of a stat line.
func Parse(b []byte) (Stat, bool) {
	f := Fields(b)
	if len(f) < 3 || len(f[0]) != 1 {
		return Stat{}, false
	}
	ppid, err1 := strconv.Atoi(f[1])
	pgrp, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil {
		return Stat{}, false
	}
	return Stat{State: f[0][0], PPID: ppid, PGRP: pgrp}, true
}

// Fields returns the fields of a stat line from field 3 (state) on, so
// field n is at index n-3; nil for a line without a command name. The
// command name in field 2 is in parentheses and may hold spaces and
// parentheses, so the fields are taken after the last ')'.
func Fields(b []byte) []string {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(b[i+1:]))
}

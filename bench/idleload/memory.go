package main

import (
	"fmt"

	"github.com/corvusmail/corvus/bench/procstat"
)

// procMem is the PSS (kB) of a group of processes and how many there are.
type procMem struct {
	n, pss int
}

// add counts one more process of pss kB.
func (p *procMem) add(pss int) { p.n++; p.pss += pss }

// perProc is the mean PSS in kB, 0 for no processes.
func (p procMem) perProc() float64 {
	if p.n == 0 {
		return 0
	}
	return float64(p.pss) / float64(p.n)
}

// memResult is the memory of master's children while every session
// idles: what idled costs, and the imapd workers split into those
// serving an idling session (each IDLE pins one, as in Cyrus) and the
// spare ones master keeps ready.
type memResult struct {
	master, idled, pinned, spare procMem
}

// measureMemory reads smaps_rollup of master and each of its children;
// an imapd is pinned if it holds the server end of a connection to
// imapPort.
func measureMemory(masterPid int, imapPort uint16) (memResult, error) {
	var r memResult
	m, err := procstat.ReadMemory(masterPid)
	if err != nil {
		return r, err
	}
	r.master.add(m.PSS)
	conns, err := serverSockets(imapPort)
	if err != nil {
		return r, err
	}
	for _, pid := range procstat.PIDs(procstat.Children(masterPid)) {
		name, ok := procstat.Comm(pid)
		if !ok || (name != "imapd" && name != "idled") {
			continue
		}
		m, err := procstat.ReadMemory(pid)
		if err != nil {
			return r, fmt.Errorf("%s: %w", name, err)
		}
		switch {
		case name == "idled":
			r.idled.add(m.PSS)
		case holdsSocket(pid, conns):
			r.pinned.add(m.PSS)
		default:
			r.spare.add(m.PSS)
		}
	}
	return r, nil
}

package main

import (
	"fmt"
	"net"
	"slices"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/procstat"
)

// memResult is the memory case: every idle worker's PSS, and one worker's
// before and after it served a session.
type memResult struct {
	idlePSS, idleRSS      []float64 // kB, one per worker
	usedBefore, usedAfter memUse
	usedPid               int
}

// measureMemory reads every idle worker of m, then opens a session that
// selects the big INBOX, finds the worker serving it through its socket,
// logs out and reads that worker again.
func measureMemory(m *benchmaster.Master, addr string) (memResult, error) {
	var r memResult
	time.Sleep(time.Second) // let the workers finish starting up
	before := map[int]memUse{}
	for _, pid := range procstat.PIDs(procstat.Children(m.Pid())) {
		u, err := readMem(pid)
		if err != nil {
			return r, fmt.Errorf("worker %d: %w", pid, err)
		}
		before[pid] = u
		r.idlePSS = append(r.idlePSS, float64(u.pss))
		r.idleRSS = append(r.idleRSS, float64(u.rss))
	}
	slices.Sort(r.idlePSS)
	ic, err := dial(addr)
	if err != nil {
		return r, err
	}
	defer ic.close()
	if err := ic.login(bigUser, benchPW); err != nil {
		return r, err
	}
	if _, err := ic.do("SELECT INBOX"); err != nil {
		return r, err
	}
	port := ic.c.LocalAddr().(*net.TCPAddr).Port
	ino, err := serverSocketInode(port)
	if err != nil {
		return r, err
	}
	pid, ok := socketOwner(procstat.PIDs(procstat.Children(m.Pid())), ino)
	if !ok {
		return r, fmt.Errorf("no worker holds socket %s", ino)
	}
	if _, err := ic.do("LOGOUT"); err != nil {
		return r, err
	}
	ic.close()
	time.Sleep(500 * time.Millisecond) // back to waiting for a client
	r.usedPid, r.usedBefore = pid, before[pid]
	if r.usedAfter, err = readMem(pid); err != nil {
		return r, fmt.Errorf("worker %d after its session: %w", pid, err)
	}
	return r, nil
}

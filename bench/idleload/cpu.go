package main

import (
	"time"

	"github.com/corvusmail/corvus/bench/procstat"
)

// serverCPU is CPU time by program: master itself and its live children
// by command name (imapd, lmtpd, idled).
type serverCPU map[string]time.Duration

// readServerCPU reads master's and its children's CPU time so far.
func readServerCPU(masterPid int) serverCPU {
	u := serverCPU{"master": procstat.OnCPU(masterPid)}
	for _, p := range procstat.Children(masterPid) {
		if name, ok := procstat.Comm(p.PID); ok {
			u[name] += procstat.OnCPU(p.PID)
		}
	}
	return u
}

// since is the CPU time used from before to u, program by program. A
// program whose processes ended in between can come out short; the
// benchmark's processes all live through a run.
func (u serverCPU) since(before serverCPU) serverCPU {
	d := serverCPU{}
	for name, t := range u {
		d[name] = t - before[name]
	}
	return d
}

// add sums o into u.
func (u serverCPU) add(o serverCPU) {
	for name, t := range o {
		u[name] += t
	}
}

// total is the CPU time of all programs.
func (u serverCPU) total() time.Duration {
	var t time.Duration
	for _, d := range u {
		t += d
	}
	return t
}

// restWindow is how long the server's CPU use at rest is measured, every
// session idling and nothing delivered.
const restWindow = 2 * time.Second

// measureRest returns the server's CPU time per second of wall time while
// nothing happens but idling (Go runtimes, IDLE polls, watch refreshes).
func measureRest(masterPid int) serverCPU {
	t0, c0 := time.Now(), readServerCPU(masterPid)
	time.Sleep(restWindow)
	used, wall := readServerCPU(masterPid).since(c0), time.Since(t0)
	rate := serverCPU{}
	for name, d := range used {
		rate[name] = time.Duration(float64(d) / wall.Seconds())
	}
	return rate
}

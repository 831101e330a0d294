package main

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"strconv"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/procstat"
)

// forkCase is one row of the fork-rate table: a service with prefork
// Workers, so master forks them all at start-up.
type forkCase struct {
	Workers, MaxChild int
	// MaxForkRate is cyrus.conf's maxforkrate; 0 means no limit.
	MaxForkRate int
	Note        string
}

func (c forkCase) cyrusConf(addr netip.AddrPort) string {
	rate := ""
	if c.MaxForkRate > 0 {
		rate = fmt.Sprintf(" maxforkrate=%d", c.MaxForkRate)
	}
	return fmt.Sprintf("SERVICES {\n  storm cmd=\"echoworker\" listen=\"%s\" prefork=%d maxchild=%d%s\n}\n",
		addr, c.Workers, c.MaxChild, rate)
}

// forkRep is one repetition: when the first, the middle and the last
// worker appeared, counted from the fork/exec of master.
type forkRep struct {
	First, Half, All time.Duration
	// Foreign is the share of CPU time that went to other processes.
	Foreign float64
	// MasterCPU is master's CPU time per fork after its first one;
	// WorkerCPU a worker's CPU time from exec until it waits for clients.
	MasterCPU, WorkerCPU time.Duration
}

// Rate is forks per second from master's start to the last worker.
func (r forkRep) Rate(n int) float64 { return float64(n) / r.All.Seconds() }

// SteadyRate is forks per second over the second half of the workers: it
// leaves out master's start-up and, under maxforkrate, the first second's
// burst that the rate limit allows.
func (r forkRep) SteadyRate(n int) float64 {
	return float64(n-n/2) / (r.All - r.Half).Seconds()
}

// forkTimeout bounds one fork-rate repetition.
const forkTimeout = 60 * time.Second

// runForkRep starts master for c and times the appearance of its workers.
func runForkRep(ctx context.Context, bin string, c forkCase) (forkRep, error) {
	addr, err := benchmaster.FreeAddr()
	if err != nil {
		return forkRep{}, err
	}
	m, err := startMaster(bin, c.cyrusConf(addr), nil, nil)
	if err != nil {
		return forkRep{}, err
	}
	defer m.Stop()
	use := readCPUUse(m.Pid())
	w := newForkWatch(m.Pid())
	var rep forkRep
	var master0 int64
	deadline := m.Started.Add(forkTimeout)
	for {
		n := w.scan()
		now := time.Since(m.Started)
		if n >= 1 && rep.First == 0 {
			rep.First = now
			master0 = onCPU(m.Pid())
		}
		if n >= c.Workers/2 && rep.Half == 0 {
			rep.Half = now
		}
		if n >= c.Workers {
			rep.All = now
			rep.Foreign = foreignShare(use, readCPUUse(m.Pid()))
			m.costs(&rep, master0, c.Workers)
			return rep, nil
		}
		switch {
		case ctx.Err() != nil:
			return forkRep{}, ctx.Err()
		case m.HasExited():
			return forkRep{}, fmt.Errorf("master exited after %d of %d workers; log:\n%s", n, c.Workers, m.LogTail())
		case time.Now().After(deadline):
			return forkRep{}, fmt.Errorf("only %d of %d workers after %v; log:\n%s", n, c.Workers, forkTimeout, m.LogTail())
		}
		time.Sleep(time.Millisecond)
	}
}

// costs fills in the CPU cost of a fork in master and of a worker's
// start-up, once the last workers have finished starting.
func (m *masterRun) costs(rep *forkRep, master0 int64, n int) {
	m.settle(settleTimeout)
	rep.MasterCPU = time.Duration((onCPU(m.Pid()) - master0) / int64(n-1))
	kids := procstat.Children(m.Pid())
	if len(kids) == 0 {
		return
	}
	var sum int64
	for _, k := range kids {
		sum += onCPU(k.PID)
	}
	rep.WorkerCPU = time.Duration(sum / int64(len(kids)))
}

// forkWatch counts the children a process has ever had, cheaply enough to
// poll every millisecond next to a forking master: each scan lists /proc
// (unsorted) and reads the stat file of new pids only.
type forkWatch struct {
	ppid int
	seen map[int]bool // pid → is a child of ppid
	n    int
}

func newForkWatch(ppid int) *forkWatch {
	return &forkWatch{ppid: ppid, seen: map[int]bool{}}
}

// scan looks for new children and returns how many were seen so far.
func (w *forkWatch) scan() int {
	d, err := os.Open("/proc")
	if err != nil {
		return w.n
	}
	names, _ := d.Readdirnames(-1)
	d.Close()
	for _, name := range names {
		pid, err := strconv.Atoi(name)
		if err != nil {
			continue
		}
		if _, known := w.seen[pid]; known {
			continue
		}
		st, ok := procstat.Read(pid)
		if !ok {
			continue // gone already; a child of ours would not be
		}
		mine := st.PPID == w.ppid
		w.seen[pid] = mine
		if mine {
			w.n++
		}
	}
	return w.n
}

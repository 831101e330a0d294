package main

import (
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/corvusmail/corvus/bench/pgroup"
	"github.com/corvusmail/corvus/bench/procstat"
)

// server is what a storm case runs against: master with its workers, or
// the reference server.
type server interface {
	// settle waits (at most d) until the server is idle again.
	settle(d time.Duration) bool
	// snapshot records its processes at a settled moment.
	snapshot() snapshot
	// failure says why the server is no longer usable, or nil.
	failure() error
	Pid() int
	Stop()
}

// startServer starts the server of c on addr and waits until it is ready:
// for master, the ready file and the preforked workers.
func startServer(bin string, c stormCase, addr netip.AddrPort) (server, error) {
	if c.Ref {
		r, err := startRef(addr)
		if err != nil {
			return nil, err
		}
		return refRun{r}, nil
	}
	m, err := startMaster(bin, c.cyrusConf(addr), c.masterArgs(), c.env())
	if err != nil {
		return nil, err
	}
	if err := m.WaitWorkers(c.Prefork); err != nil {
		m.Stop()
		return nil, err
	}
	return m, nil
}

// snapshot is a server's processes at one settled moment.
type snapshot struct {
	kids     []procstat.Proc // master's workers
	switches map[int]int64   // voluntary context switches of the serving processes
	ended    int             // "child ended" lines in master's log so far
}

func (m *masterRun) snapshot() snapshot {
	kids := procstat.Children(m.Pid())
	return snapshot{kids: kids, switches: voluntarySwitches(procstat.PIDs(kids)), ended: m.countLog(`"message":"child ended"`)}
}

func (m *masterRun) failure() error {
	if m.HasExited() {
		return fmt.Errorf("master exited during the storm; log:\n%s", m.LogTail())
	}
	return nil
}

// refRun is the reference server as a storm server.
type refRun struct{ *pgroup.Process }

func (r refRun) settle(d time.Duration) bool {
	time.Sleep(30 * time.Millisecond) // its sessions end with the clients'
	return true
}

func (r refRun) snapshot() snapshot {
	return snapshot{switches: voluntarySwitches([]int{r.Pid()})}
}

func (r refRun) failure() error {
	if r.HasExited() {
		return errors.New("the reference server exited during the storm")
	}
	return nil
}

// forksSince is how many workers master started between two snapshots:
// the growth in children plus those that ended meanwhile.
func (s snapshot) forksSince(before snapshot) int {
	return len(s.kids) - len(before.kids) + s.ended - before.ended
}

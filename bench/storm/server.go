package main

import (
	"errors"
	"fmt"
	"net/netip"
	"time"
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
	pid() int
	stop()
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
	if err := m.waitReady(); err != nil {
		m.stop()
		return nil, err
	}
	if err := m.waitChildren(c.Prefork, readyTimeout); err != nil {
		m.stop()
		return nil, err
	}
	return m, nil
}

// snapshot is a server's processes at one settled moment.
type snapshot struct {
	kids     []kid         // master's workers
	switches map[int]int64 // voluntary context switches of the serving processes
	ended    int           // "child ended" lines in master's log so far
}

func (m *masterRun) snapshot() snapshot {
	kids := childrenOf(m.pid())
	return snapshot{kids: kids, switches: voluntarySwitches(pids(kids)), ended: m.countLog(`"message":"child ended"`)}
}

func (m *masterRun) failure() error {
	if m.hasExited() {
		return fmt.Errorf("master exited during the storm; log:\n%s", m.logTail())
	}
	return nil
}

// refRun is the reference server as a storm server.
type refRun struct{ *child }

func (r refRun) settle(d time.Duration) bool {
	time.Sleep(30 * time.Millisecond) // its sessions end with the clients'
	return true
}

func (r refRun) snapshot() snapshot {
	return snapshot{switches: voluntarySwitches([]int{r.pid()})}
}

func (r refRun) failure() error {
	if r.hasExited() {
		return errors.New("the reference server exited during the storm")
	}
	return nil
}

// forksSince is how many workers master started between two snapshots:
// the growth in children plus those that ended meanwhile.
func (s snapshot) forksSince(before snapshot) int {
	return len(s.kids) - len(before.kids) + s.ended - before.ended
}

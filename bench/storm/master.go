package main

import (
	"os"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/procstat"
)

// masterRun is one master started for a measurement, on a configdirectory
// of its own that goes when it stops.
type masterRun struct {
	*benchmaster.Master
}

// startMaster starts bin/master on a fresh directory with cyrusConf, extra
// master flags args and extra environment env. It does not wait for
// anything; see benchmaster.Master's WaitWorkers.
func startMaster(bin, cyrusConf string, args, env []string) (*masterRun, error) {
	d, err := benchmaster.NewDir(bin, "storm")
	if err != nil {
		return nil, err
	}
	m, err := d.Start(cyrusConf, benchmaster.Options{Args: args, Env: env, RemoveDir: true})
	if err != nil {
		d.Remove()
		return nil, err
	}
	return &masterRun{m}, nil
}

// settle waits until master's children stop changing in number and all
// sleep (started up, waiting for clients) for a few polls in a row, so a
// round does not start while the last one's workers are still busy. It
// reports whether that happened within d; the caller goes on either way.
func (m *masterRun) settle(d time.Duration) bool {
	const quiet = 3
	last, streak := -1, 0
	err := m.Poll(d, 10*time.Millisecond, "workers to settle", func() bool {
		kids := procstat.Children(m.Pid())
		if len(kids) == last && allSleeping(kids) {
			streak++
		} else {
			streak = 0
		}
		last = len(kids)
		return streak >= quiet
	})
	return err == nil
}

// countLog counts the lines of master's log that contain s. Master logs
// JSON (zerolog); "child ended" is its Info line for every reaped child.
func (m *masterRun) countLog(s string) int {
	b, _ := os.ReadFile(m.Log)
	return strings.Count(string(b), s)
}

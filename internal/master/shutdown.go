package master

import (
	"slices"
	"syscall"
	"time"
)

// shutdown stops everything: no more forks, listeners closed, SIGTERM to
// every child, a bounded wait, SIGKILL for what is left; wait=y daemons go
// last, in reverse start order (as Cyrus 3.x).
func (m *Master) shutdown() {
	m.shuttingDown = true
	m.metricsSrv.Close()
	m.stopEvents()
	for _, in := range m.instances {
		if !in.removed {
			in.removed = true
			in.close()
		}
	}
	isWait := func(c *child) bool { return c.kind == kindDaemon && slices.Contains(m.waitOrder, c.daemon) }
	m.terminate(func(c *child) bool { return !isWait(c) })
	for i := len(m.waitOrder) - 1; i >= 0; i-- {
		d := m.waitOrder[i]
		m.terminate(func(c *child) bool { return c.daemon == d })
	}
	close(m.done)
	m.log.Info().Msg("stopped")
}

// terminate sends SIGTERM to the children that match, waits up to the
// grace period for them, then kills the rest and waits for those too.
func (m *Master) terminate(match func(*child) bool) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		n := 0
		for _, c := range m.children {
			if match(c) {
				m.signal(c, sig)
				n++
			}
		}
		if n == 0 {
			return
		}
		if sig == syscall.SIGKILL {
			m.log.Warn().Int("children", n).Msg("killed children that ignored SIGTERM")
		}
		m.waitFor(match, m.opts.ShutdownGrace)
	}
}

// waitFor handles exit events until no child matches or d has passed.
func (m *Master) waitFor(match func(*child) bool, d time.Duration) {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for m.anyChild(match) {
		select {
		case ev := <-m.events:
			if e, ok := ev.(exitEvent); ok {
				m.onExit(e)
			}
		case <-deadline.C:
			return
		}
	}
}

func (m *Master) anyChild(match func(*child) bool) bool {
	for _, c := range m.children {
		if match(c) {
			return true
		}
	}
	return false
}

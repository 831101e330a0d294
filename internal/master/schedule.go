package master

import (
	"time"

	"github.com/corvusmail/corvus/internal/service"
)

// schedule tops an instance up to prefork ready workers without passing
// maxchild or maxforkrate, and watches its listener for waiting clients
// whenever no worker is ready (as Cyrus's master does after every event).
func (m *Master) schedule(in *instance) {
	if m.shuttingDown {
		return
	}
	for in.ready < in.def.Prefork && in.canSpawn() {
		if !m.forkOne(in) {
			break
		}
	}
	in.poll.setWant(in.ready == 0 && in.canSpawn())
}

// forkOne forks a worker if the fork rate allows it; otherwise it schedules
// a retry (once) and reports false.
func (m *Master) forkOne(in *instance) bool {
	if !in.bucket.take(time.Now()) {
		if !in.retryPending {
			in.retryPending = true
			m.log.Debug().Str("service", in.def.Name).Int("maxforkrate", in.def.MaxForkRate).Msg("fork rate reached; deferring")
			m.after(forkRetryDelay, func() {
				in.retryPending = false
				m.schedule(in)
			})
		}
		return false
	}
	if err := m.spawnWorker(in); err != nil {
		m.log.Error().Err(err).Str("service", in.def.Name).Msg("cannot fork worker")
		if in.noteFailure(time.Now()) {
			m.disable(in, time.Now())
		} else if !in.retryPending {
			in.retryPending = true
			m.after(forkRetryDelay, func() {
				in.retryPending = false
				m.schedule(in)
			})
		}
		return false
	}
	return true
}

// onDemand forks a worker for a client waiting on an instance that has no
// ready worker (prefork=0 services work this way, a fork per burst).
func (m *Master) onDemand(in *instance) {
	if m.shuttingDown || in.ready > 0 || !in.canSpawn() {
		m.schedule(in)
		return
	}
	m.forkOne(in)
	m.schedule(in)
}

// onStatus runs the per-worker state machine on one status message.
func (m *Master) onStatus(e statusEvent) {
	in := e.inst
	c := in.kids[int(e.pid)]
	if c == nil {
		m.log.Debug().Str("service", in.def.Name).Int32("child", e.pid).Int32("code", e.code).Msg("status from unknown worker")
		return
	}
	c.reported = true
	switch e.code {
	case service.StatusUnavailable:
		if c.state == stateReady {
			c.state = stateBusy
			if !c.retiring {
				in.ready--
			}
		} else {
			m.log.Debug().Str("service", in.def.Name).Int("child", c.pid).Msg("worker unavailable twice")
		}
	case service.StatusAvailable:
		if c.state == stateBusy {
			c.state = stateReady
			if !c.retiring {
				in.ready++
			}
		} else {
			m.log.Debug().Str("service", in.def.Name).Int("child", c.pid).Msg("worker available twice")
		}
	case service.StatusConnection, service.StatusConnectionMulti:
		c.conns++
		m.met.Connection(in.def.Name)
	default:
		m.log.Warn().Str("service", in.def.Name).Int("child", c.pid).Int32("code", e.code).Msg("unknown status message")
	}
	m.schedule(in)
}

// disable stops forking for an instance after repeated early deaths. As
// Cyrus, a babysat service is retried after the storm window; any other
// waits for the next SIGHUP.
func (m *Master) disable(in *instance, now time.Time) {
	if in.disabled {
		return
	}
	in.disabled = true
	in.poll.setWant(false)
	if !in.def.Babysit {
		m.log.Error().Str("service", in.def.Name).Msg("workers keep dying before serving; service disabled until SIGHUP")
		return
	}
	m.log.Error().Str("service", in.def.Name).Dur("retry", stormWindow).Msg("workers keep dying before serving; babysat, retrying later")
	m.after(stormWindow, func() {
		in.disabled = false
		in.failures = nil
		m.schedule(in)
	})
}

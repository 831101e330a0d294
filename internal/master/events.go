package master

import (
	"time"
)

// eventRun is one EVENTS entry's schedule.
type eventRun struct {
	def     *EventDef
	timer   *time.Timer
	running int
	gen     int // bumped on reload so stale timers do nothing
}

// startEvents runs the once-at-start-up events now and arms a timer for
// every scheduled one.
func (m *Master) startEvents() {
	for _, def := range m.cfg.Events {
		r := &eventRun{def: def}
		m.events2[def.Name] = r
		if _, ok := def.NextRun(time.Now()); !ok {
			m.runEvent(r)
			continue
		}
		m.armEvent(r)
	}
}

func (m *Master) armEvent(r *eventRun) {
	next, ok := r.def.NextRun(time.Now())
	if !ok {
		return
	}
	gen := r.gen
	r.timer = time.AfterFunc(time.Until(next), func() {
		select {
		case m.events <- timerEvent{func() {
			if r.gen != gen || m.events2[r.def.Name] != r {
				return
			}
			m.runEvent(r)
			m.armEvent(r)
		}}:
		case <-m.done:
		}
	})
}

// runEvent starts one run of an event's command.
func (m *Master) runEvent(r *eventRun) {
	if m.shuttingDown {
		return
	}
	m.nextID++
	proc, err := m.startProcess(procSpec{argv: r.def.Argv, name: r.def.Name, id: m.nextID})
	if err != nil {
		m.log.Error().Err(err).Str("event", r.def.Name).Msg("cannot run event")
		return
	}
	c := &child{pid: proc.Pid, proc: proc, kind: kindEvent, name: r.def.Name, started: time.Now()}
	m.children[c.pid] = c
	r.running++
	m.log.Info().Str("event", r.def.Name).Int("child", c.pid).Msg("running event")
}

// stopEvents cancels every event timer.
func (m *Master) stopEvents() {
	for _, r := range m.events2 {
		r.gen++
		if r.timer != nil {
			r.timer.Stop()
		}
	}
}

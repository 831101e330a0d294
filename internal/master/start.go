package master

import (
	"time"
)

// runStart runs every START entry to completion, one after the other,
// before anything else starts (as Cyrus). A failing entry is logged and
// start-up goes on, as in Cyrus.
func (m *Master) runStart() {
	for _, def := range m.cfg.Start {
		m.nextID++
		t0 := time.Now()
		proc, err := m.startProcess(procSpec{argv: def.Argv, name: def.Name, id: m.nextID})
		if err != nil {
			m.log.Error().Err(err).Str("start", def.Name).Msg("cannot run START entry")
			continue
		}
		c := &child{pid: proc.Pid, proc: proc, kind: kindEvent, name: def.Name, started: t0}
		m.children[c.pid] = c
		// Wait on the loop's own channel: the waiter goroutine of
		// startProcess reports the exit there.
		for m.children[c.pid] != nil {
			m.handle(<-m.events)
		}
	}
}

package master

import (
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/rs/zerolog"
)

// onExit reaps a child: logs how it ended, fixes its service's counters and
// replaces it as the service's settings ask.
func (m *Master) onExit(e exitEvent) {
	c := m.children[e.pid]
	if c == nil {
		return
	}
	delete(m.children, e.pid)
	m.met.ProcessExited(e.pid)
	abnormal := logExit(m.log, c, e.state)
	switch c.kind {
	case kindWorker:
		m.onWorkerExit(c, abnormal)
	case kindDaemon:
		m.onDaemonExit(c, abnormal)
	case kindEvent:
		if r := m.events2[c.name]; r != nil {
			r.running--
		}
	}
}

func (m *Master) onWorkerExit(c *child, abnormal bool) {
	in := c.inst
	delete(in.kids, c.pid)
	in.active--
	if c.state == stateReady && !c.retiring {
		in.ready--
	}
	if abnormal && !c.signaled {
		m.met.WorkerCrashed(c.name)
	}
	if in.removed {
		if in.active == 0 {
			m.dropInstance(in)
		}
		return
	}
	if abnormal && !c.reported && !c.signaled && in.noteFailure(time.Now()) {
		m.disable(in, time.Now())
	}
	m.schedule(in)
}

// logExit logs a child's end, as an error when it was killed by a signal
// the master did not send or exited non-zero, and reports whether it was
// abnormal.
func logExit(log zerolog.Logger, c *child, st *os.ProcessState) bool {
	ev := log.Info()
	abnormal := false
	var status string
	if st == nil {
		status = "unknown"
		abnormal = true
	} else if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		status = "signal " + ws.Signal().String()
		abnormal = true
	} else {
		status = "exit " + strconv.Itoa(st.ExitCode())
		abnormal = st.ExitCode() != 0
	}
	if abnormal && !c.signaled {
		ev = log.Error()
	}
	ev.Str(c.kind.String(), c.name).Int("child", c.pid).Str("status", status).
		Dur("lifetime", time.Since(c.started).Round(time.Millisecond)).Int("connections", c.conns).Msg("child ended")
	return abnormal
}

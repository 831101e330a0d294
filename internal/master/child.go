package master

import (
	"os"
	"time"
)

// childKind says what a child process is for.
type childKind int

const (
	kindWorker childKind = iota // a SERVICES worker
	kindDaemon                  // a DAEMON entry
	kindEvent                   // one run of an EVENTS entry
)

func (k childKind) String() string {
	switch k {
	case kindWorker:
		return "worker"
	case kindDaemon:
		return "daemon"
	}
	return "event"
}

// workerState is the per-child state machine Cyrus keeps from status
// messages: a new worker counts as ready at once, UNAVAILABLE makes it busy,
// AVAILABLE ready again.
type workerState int

const (
	stateReady workerState = iota
	stateBusy
)

// child is one process the master started.
type child struct {
	pid     int
	proc    *os.Process
	kind    childKind
	name    string // service, daemon or event name
	inst    *instance
	daemon  *daemonRun
	state   workerState
	started time.Time
	// reported is set once the child sent any status message; a worker
	// that dies before that counts toward the exit-storm limit.
	reported bool
	// retiring workers were told (SIGHUP) to exit after their client:
	// they no longer count as ready for their service.
	retiring    bool
	retiredAt   time.Time
	warnedStale bool
	// signaled is set when the master itself signalled the child, so its
	// death is expected.
	signaled bool
	conns    int
}

package master

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/corvusmail/corvus/internal/listener"
	"github.com/corvusmail/corvus/internal/service"
)

// instance is one listening socket of a service with the workers serving
// it. A service listening on every address gets one instance per address
// family, each with its own CYRUS_ID and workers, as in Cyrus.
type instance struct {
	def     *ServiceDef
	id      int
	sock    *listener.Socket
	statusR *os.File // master's end of the status pipe
	statusW *os.File // given to every worker as fd 3
	poll    *poller
	bucket  forkBucket

	ready  int // workers ready to accept (READY state, not retiring)
	active int // live worker processes
	kids   map[int]*child

	failures     []time.Time // deaths before the first status message
	disabled     bool
	removed      bool // dropped by a reload; goes away when active == 0
	retryPending bool // a deferred fork is scheduled
}

// statusEvent is a status message read from an instance's pipe.
type statusEvent struct {
	inst *instance
	code int32
	pid  int32
}

// demandEvent says a client waits on an instance with no ready worker.
type demandEvent struct{ inst *instance }

// statusEOFEvent says every writer of an instance's status pipe is gone.
type statusEOFEvent struct{ inst *instance }

// newInstance creates the status pipe and starts the pipe reader and the
// listener poller for one bound socket.
func newInstance(def *ServiceDef, id int, sock *listener.Socket, events chan<- any) (*instance, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("status pipe for %s: %w", def.Name, err)
	}
	in := &instance{
		def: def, id: id, sock: sock, statusR: r, statusW: w,
		bucket: newForkBucket(def.MaxForkRate), kids: map[int]*child{},
	}
	in.poll = newPoller(int(sock.File.Fd()), events, demandEvent{in})
	go in.readStatus(events)
	return in, nil
}

// readStatus forwards every 8-byte status record to the event loop. Each
// record is written with one write(2) of less than PIPE_BUF bytes, so
// records from different workers never interleave.
func (in *instance) readStatus(events chan<- any) {
	buf := make([]byte, 8)
	for {
		if _, err := io.ReadFull(in.statusR, buf); err != nil {
			events <- statusEOFEvent{in}
			return
		}
		code, pid, err := service.DecodeStatus(buf)
		if err != nil {
			continue
		}
		events <- statusEvent{inst: in, code: code, pid: pid}
	}
}

// underMax reports whether one more worker fits under maxchild.
func (in *instance) underMax() bool {
	return in.def.MaxChild < 0 || in.active < in.def.MaxChild
}

// canSpawn reports whether the instance may fork at all now.
func (in *instance) canSpawn() bool {
	return !in.removed && !in.disabled && in.underMax()
}

// close releases the master's descriptors of the instance: the listener
// (workers keep their own copies until they exit) and the status pipe's
// write end (the reader sees EOF once the last worker is gone).
func (in *instance) close() {
	in.poll.stop()
	in.sock.Close()
	in.statusW.Close()
	if in.sock.Stream && in.def.Listen.IsUnix() {
		os.Remove(in.def.Listen.Path)
	}
}

// noteFailure records a worker death before its first status message and
// reports whether the exit-storm limit (5 in 10 s, as Cyrus) is reached.
func (in *instance) noteFailure(now time.Time) bool {
	keep := in.failures[:0]
	for _, t := range in.failures {
		if now.Sub(t) < stormWindow {
			keep = append(keep, t)
		}
	}
	in.failures = append(keep, now)
	return len(in.failures) >= stormLimit
}

const (
	stormLimit  = 5
	stormWindow = 10 * time.Second
)

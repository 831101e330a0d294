package master

import (
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// poller watches a service's listening socket while the service has no
// ready worker, and reports demand when a client is waiting, so the master
// forks a worker on demand (as Cyrus adds such listeners to its select).
// It never accepts: the connection stays queued for the worker.
type poller struct {
	fd     int
	want   atomic.Bool
	kick   chan struct{}
	done   chan struct{}
	wg     sync.WaitGroup
	events chan<- any
	ev     any
}

// pollTimeout bounds how long a poll sleeps before rechecking want, so a
// cleared want takes effect without a wake-up pipe.
const pollTimeoutMs = 500

// newPoller starts watching fd; ev is sent on events at each demand.
func newPoller(fd int, events chan<- any, ev any) *poller {
	p := &poller{fd: fd, kick: make(chan struct{}, 1), done: make(chan struct{}), events: events, ev: ev}
	p.wg.Add(1)
	go p.run()
	return p
}

// setWant turns watching on or off. Called by the event loop only.
func (p *poller) setWant(on bool) {
	if p.want.Load() == on {
		return
	}
	p.want.Store(on)
	if on {
		select {
		case p.kick <- struct{}{}:
		default:
		}
	}
}

// stop ends the goroutine and waits for it, so the caller may then close
// the descriptor without racing a poll on it.
func (p *poller) stop() {
	p.want.Store(false)
	close(p.done)
	p.wg.Wait()
}

func (p *poller) run() {
	defer p.wg.Done()
	fds := []unix.PollFd{{Fd: int32(p.fd), Events: unix.POLLIN}}
	for {
		select {
		case <-p.done:
			return
		case <-p.kick:
		}
		for p.want.Load() {
			fds[0].Revents = 0
			n, err := unix.Poll(fds, pollTimeoutMs)
			if err != nil && err != unix.EINTR {
				return
			}
			if n > 0 && fds[0].Revents&(unix.POLLIN|unix.POLLERR|unix.POLLHUP) != 0 {
				// Demand is reported once; the loop re-arms when it
				// still has no ready worker after handling it.
				if p.want.CompareAndSwap(true, false) {
					select {
					case p.events <- p.ev:
					case <-p.done:
						return
					}
				}
			}
			if fds[0].Revents&unix.POLLNVAL != 0 {
				return
			}
		}
	}
}

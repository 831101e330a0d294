package service

import (
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
)

// signals turns SIGHUP and SIGTERM into the worker's exit conditions.
//
// As Cyrus: SIGHUP means "exit when idle" — at once if waiting for a client,
// else after the current one. SIGTERM means "exit now": stop waiting and ask
// the current client's handler to finish. Both close stop, which ends waits
// for the accept lock; wake then interrupts a blocked accept.
type signals struct {
	ch   chan os.Signal
	quit chan struct{}
	done chan struct{}
	wake func()

	hup, term atomic.Bool
	stopOnce  sync.Once
	stop      chan struct{} // closed on SIGHUP or SIGTERM
	termOnce  sync.Once
	termCh    chan struct{} // closed on SIGTERM
}

// watchSignals starts catching SIGHUP and SIGTERM; wake is called (from the
// watching goroutine) after either, to unblock a waiting accept.
func watchSignals(wake func()) *signals {
	s := &signals{
		ch:     make(chan os.Signal, 2),
		quit:   make(chan struct{}),
		done:   make(chan struct{}),
		wake:   wake,
		stop:   make(chan struct{}),
		termCh: make(chan struct{}),
	}
	signal.Notify(s.ch, syscall.SIGHUP, syscall.SIGTERM)
	go s.loop()
	return s
}

func (s *signals) loop() {
	defer close(s.done)
	for {
		select {
		case sig := <-s.ch:
			if sig == syscall.SIGHUP {
				s.hangup()
			} else {
				s.terminate()
			}
		case <-s.quit:
			return
		}
	}
}

// hangup records SIGHUP: no new client after the current one.
func (s *signals) hangup() {
	s.hup.Store(true)
	s.stopOnce.Do(func() { close(s.stop) })
	s.wake()
}

// terminate records SIGTERM (or the caller's context ending).
func (s *signals) terminate() {
	s.term.Store(true)
	s.termOnce.Do(func() { close(s.termCh) })
	s.stopOnce.Do(func() { close(s.stop) })
	s.wake()
}

// stopping reports whether either signal was seen.
func (s *signals) stopping() bool { return s.hup.Load() || s.term.Load() }

// close stops catching the signals and waits for the watcher to end.
func (s *signals) close() {
	signal.Stop(s.ch)
	close(s.quit)
	<-s.done
}

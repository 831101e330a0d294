package service

import (
	"time"
)

// A worker waiting for a client is blocked in Accept (or in the datagram
// peek), which a signal must be able to cut short, as Cyrus's signals
// interrupt its select(). Go has no EINTR here, so interrupt sets a deadline
// in the past on the socket instead. It does so only while the worker is
// waiting: a datagram service's handler reads the same socket, and a SIGHUP
// must not break its reads (SIGHUP means "exit after this client").
//
// arm sets waiting before the caller checks for signals; interrupt closes
// sig.stop before looking at waiting. So a signal is either seen by that
// check or cuts the wait short; it is never lost in between.

// arm marks the worker as waiting until deadline (zero: no limit).
func (w *Worker) arm(deadline time.Time) {
	w.waitMu.Lock()
	defer w.waitMu.Unlock()
	w.waiting = true
	w.setSocketDeadline(deadline)
}

// disarm marks the wait over and clears the deadline for the handler.
func (w *Worker) disarm() {
	w.waitMu.Lock()
	defer w.waitMu.Unlock()
	w.waiting = false
	w.setSocketDeadline(time.Time{})
}

// interrupt cuts a wait short; the signal watcher calls it after SIGHUP or
// SIGTERM.
func (w *Worker) interrupt() {
	w.waitMu.Lock()
	defer w.waitMu.Unlock()
	if w.waiting {
		if w.ln != nil {
			w.ln.Interrupt()
		}
		w.setSocketDeadline(time.Unix(1, 0))
	}
}

// setSocketDeadline sets the read deadline of a datagram socket (a stream
// listener's deadline is passed to rawListener.Accept instead).
func (w *Worker) setSocketDeadline(t time.Time) {
	if w.pc != nil {
		_ = w.pc.SetReadDeadline(t)
	}
}

package main

import (
	"time"
)

// awaitExists waits until events brings an EXISTS of at least want
// messages read by deadline; false when deadline passes or events is
// closed first. Smaller counts are
// stale: the late, polled answer to an earlier delivery this session
// missed. A larger one also answers: the poll that found this delivery
// found a later one too.
func awaitExists(events <-chan existsEvent, want uint32, deadline time.Time) (existsEvent, bool) {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	for {
		select {
		case e, ok := <-events:
			if !ok {
				return existsEvent{}, false
			}
			if e.n < want {
				continue
			}
			if e.at.After(deadline) {
				return existsEvent{}, false
			}
			return e, true
		case <-timer.C:
			return existsEvent{}, false
		}
	}
}

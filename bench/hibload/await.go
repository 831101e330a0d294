package main

import "time"

// awaitExists waits until events brings an EXISTS of at least want
// messages by deadline; false when deadline passes, the connection ends
// or a BYE comes first. Smaller counts are stale (an earlier delivery's);
// a larger one answers too (a later delivery was seen with it).
func awaitExists(events <-chan event, want uint32, deadline time.Time) (event, bool) {
	return awaitLine(events, deadline, func(e event) bool { return e.kind == lineExists && e.n >= want })
}

// awaitTagged waits for the tagged reply to tag by deadline.
func awaitTagged(events <-chan event, tag string, deadline time.Time) (event, bool) {
	return awaitLine(events, deadline, func(e event) bool { return e.kind == lineTagged && e.tag == tag })
}

// awaitLine waits for the first event match accepts, skipping others; a
// BYE ends the wait unmatched, as the session is gone.
func awaitLine(events <-chan event, deadline time.Time, match func(event) bool) (event, bool) {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	for {
		select {
		case e, ok := <-events:
			if !ok {
				return event{}, false
			}
			if match(e) {
				return e, !e.at.After(deadline)
			}
			if e.kind == lineBye {
				return e, false
			}
		case <-timer.C:
			return event{}, false
		}
	}
}

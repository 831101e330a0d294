package master

import (
	"sync/atomic"
	"testing"
	"time"
)

// The release runs once per quiet period that follows events, never
// while events keep coming, and never twice for one burst.
func TestQuietRelease(t *testing.T) {
	var n atomic.Int32
	q := newQuietRelease(50*time.Millisecond, func() { n.Add(1) })
	defer q.stop()
	wait := func(d time.Duration) {
		deadline := time.After(d)
		for {
			select {
			case <-q.C():
				q.quiet()
			case <-deadline:
				return
			}
		}
	}
	wait(150 * time.Millisecond) // no event yet: nothing to give back
	if got := n.Load(); got != 0 {
		t.Fatalf("%d releases before any event", got)
	}
	for range 10 { // a burst, each event within the period
		q.event()
		wait(10 * time.Millisecond)
	}
	if got := n.Load(); got != 0 {
		t.Fatalf("%d releases during a burst", got)
	}
	wait(300 * time.Millisecond)
	deadline := time.Now().Add(2 * time.Second)
	for n.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond) // the release runs in its own goroutine
	}
	if got := n.Load(); got != 1 {
		t.Fatalf("%d releases after one burst and a quiet period, want 1", got)
	}
}

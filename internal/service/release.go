package service

import (
	"runtime/debug"
	"time"
)

// idleRelease is how long a worker waits for its next client before it
// gives back what its last clients left behind. A worker kept busy (a
// client every few milliseconds) never pays for it; one that has handed
// its session to idled and waits would otherwise keep that session's
// garbage and caches for as long as it waits: about 0.9 MB per imapd
// worker in the hibernation benchmark (bench/RESULTS.md), against 1 to
// 3 kB that idled holds per hibernated session there.
const idleRelease = time.Second

// releaseMemory runs OnIdle, then collects garbage and returns the free
// heap to the kernel (the runtime's own scavenger would only do it
// gradually, and a waiting worker allocates nothing that would start a
// collection).
func (w *Worker) releaseMemory() {
	if w.OnIdle != nil {
		w.OnIdle()
	}
	debug.FreeOSMemory()
}

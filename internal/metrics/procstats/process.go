package procstats

import (
	"os"
	"sync"
	"time"
)

// EnvDir is the environment variable in which master names the stats
// directory for the processes it starts; unset, nothing is recorded.
const EnvDir = "CORVUS_STATS_DIR"

// self is this process's stats file, created on first use: a worker that
// never counts anything (a preforked imapd that served nobody) costs
// master nothing to read. A stats file belongs to a pid, so there is one
// per process by nature, and code anywhere in a worker may count into it
// without being handed a Writer.
var self = sync.OnceValue(func() *Writer {
	dir := os.Getenv(EnvDir)
	if dir == "" {
		return nil
	}
	// A failure (the directory removed under master) leaves counting off
	// for this process: metrics must never stop a worker from serving.
	w, err := Create(dir, os.Getpid())
	if err != nil {
		return nil
	}
	return w
})

// Enabled reports whether this process records statistics, for callers
// that would do work only to record it (a publishing loop).
func Enabled() bool { return self() != nil }

// Inc adds one to a counter of this process.
func Inc(s Slot) { self().Add(s, 1) }

// Add adds n to a counter of this process.
func Add(s Slot, n uint64) { self().Add(s, n) }

// Set stores a gauge, or a counter the caller keeps itself, for this
// process.
func Set(s Slot, v uint64) { self().Set(s, v) }

// ObserveFsync records one store fsync of this process that took d.
func ObserveFsync(d time.Duration) { self().ObserveFsync(d) }

package sqlite

import (
	"time"

	"github.com/corvusmail/corvus/internal/metrics/procstats"
)

// observeFsync starts timing an fsync of a message file or a directory;
// the returned function records its duration in the process's stats file,
// which master reports as corvus_store_fsync_seconds (master(8),
// METRICS). SQLite's own syncs of its WAL are not seen here. Used as
// defer observeFsync()().
func observeFsync() (done func()) {
	start := time.Now()
	return func() { procstats.ObserveFsync(time.Since(start)) }
}

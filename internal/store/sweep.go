package store

import "time"

// SweepOptions tune Account.Sweep.
type SweepOptions struct {
	// Grace protects files of appends in progress: an unreferenced file
	// younger than this is left alone. Zero means DefaultSweepGrace.
	Grace time.Duration
	// Verify re-reads every message file and compares it with its GUID.
	Verify bool
}

// DefaultSweepGrace is the default SweepOptions.Grace.
const DefaultSweepGrace = time.Hour

// SweepReport says what Sweep found and did.
type SweepReport struct {
	Orphans   int      // unreferenced message files removed (crash leftovers)
	Missing   []string // referenced files that do not exist: must never happen
	Corrupt   []string // files whose content no longer matches the GUID (Verify)
	Recounted int      // mailboxes whose counters were wrong and were fixed
}

package procstats

import "time"

// Slot names one value in a stats file. The numbering is part of the
// file format: append new slots at the end (before NumSlots) and never
// reuse a number, so that a master and workers of different builds still
// agree on the slots both know.
type Slot int

// The slots. Counters only grow during a process's life; gauges are set
// to the current value.
const (
	LoginsOK           Slot = iota // IMAP logins that succeeded
	LoginsFailed                   // IMAP logins that failed
	DeliveriesOK                   // LMTP recipients delivered (250)
	DeliveriesTempFail             // LMTP recipients refused temporarily (4xx)
	DeliveriesPermFail             // LMTP recipients refused permanently (5xx)
	HibernatedSessions             // gauge: sessions idled holds now
	HibernationTaken               // sessions handed to idled
	HibernationAnswers             // changes idled answered itself (* n EXISTS)
	HibernationThaws               // sessions handed back to an imapd
	FsyncCount                     // store fsyncs observed
	FsyncNanos                     // their total duration, in nanoseconds
	// FsyncBucket is the first of len(FsyncBounds) slots counting the
	// fsyncs that took at most that bound and more than the previous one.
	FsyncBucket
	// NumSlots is the number of slots this build knows.
	NumSlots = FsyncBucket + Slot(len(FsyncBounds))
)

// FsyncBounds are the upper bounds of the fsync latency buckets.
// Appending a bound shifts every later slot: it needs a new format
// version.
var FsyncBounds = [...]time.Duration{
	500 * time.Microsecond, time.Millisecond, 2500 * time.Microsecond,
	5 * time.Millisecond, 10 * time.Millisecond, 25 * time.Millisecond,
	50 * time.Millisecond, 100 * time.Millisecond, 250 * time.Millisecond,
	500 * time.Millisecond, time.Second, 2500 * time.Millisecond,
}

// IsGauge reports whether a slot holds a current value rather than a
// count: a gauge dies with its process, a count is kept.
func (s Slot) IsGauge() bool { return s == HibernatedSessions }

// fsyncBucket returns the bucket slot for an fsync of d, or false when d
// is above every bound (it is then only in the count).
func fsyncBucket(d time.Duration) (Slot, bool) {
	for i, b := range FsyncBounds {
		if d <= b {
			return FsyncBucket + Slot(i), true
		}
	}
	return 0, false
}

// Values are the slots of one file, or a sum of several.
type Values [NumSlots]uint64

// AddCounts adds o's counters (not its gauges) to v: what stays of a
// process after it exits.
func (v *Values) AddCounts(o *Values) {
	for i := range v {
		if !Slot(i).IsGauge() {
			v[i] += o[i]
		}
	}
}

// AddAll adds every slot of o to v: the sum over live processes.
func (v *Values) AddAll(o *Values) {
	for i := range v {
		v[i] += o[i]
	}
}

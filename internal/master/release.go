package master

import "time"

// releaseAfter is how long the event loop must have been quiet before
// master hands its free heap back to the kernel. Every worker forked
// leaves garbage behind; a master that has re-forked many workers (a
// burst of connections, workers exiting under -U or -T) otherwise keeps
// its heap at the collector's headroom: 7.7 MB against 3.2 MB at rest
// after 1500 forks of an `imapd -U 1` service, for as long as it then
// sits quiet.
const releaseAfter = time.Second

// quietRelease runs release once the loop has handled no event for
// after, and only if it handled one since the last release.
type quietRelease struct {
	timer   *time.Timer
	after   time.Duration
	pending bool
	release func()
}

func newQuietRelease(after time.Duration, release func()) *quietRelease {
	t := time.NewTimer(after)
	t.Stop()
	return &quietRelease{timer: t, after: after, release: release}
}

// event notes that the loop handled an event: the quiet period starts
// again.
func (q *quietRelease) event() {
	q.pending = true
	q.timer.Reset(q.after)
}

// C fires when the loop has been quiet for the period.
func (q *quietRelease) C() <-chan time.Time { return q.timer.C }

// quiet runs release, in its own goroutine so that the loop goes on
// serving events while the collector runs.
func (q *quietRelease) quiet() {
	if q.pending {
		q.pending = false
		go q.release()
	}
}

func (q *quietRelease) stop() { q.timer.Stop() }

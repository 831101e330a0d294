package server

import "github.com/corvusmail/corvus/internal/metrics/procstats"

// countLogin records a LOGIN or AUTHENTICATE outcome in the process's
// stats file, which master sums into corvus_logins_total (master(8),
// METRICS). It costs an atomic add, or nothing when metrics are off.
func countLogin(ok bool) {
	if ok {
		procstats.Inc(procstats.LoginsOK)
	} else {
		procstats.Inc(procstats.LoginsFailed)
	}
}

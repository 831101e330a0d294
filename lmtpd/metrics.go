package main

import (
	"github.com/corvusmail/corvus/internal/lmtp"
	"github.com/corvusmail/corvus/internal/metrics/procstats"
)

// countRecipient records a recipient's final answer (refused at RCPT, or
// the outcome of its delivery after DATA) in the process's stats file,
// which master sums into corvus_deliveries_total (master(8), METRICS).
func countRecipient(r lmtp.Reply) {
	switch r.Code / 100 {
	case 2:
		procstats.Inc(procstats.DeliveriesOK)
	case 4:
		procstats.Inc(procstats.DeliveriesTempFail)
	default:
		procstats.Inc(procstats.DeliveriesPermFail)
	}
}

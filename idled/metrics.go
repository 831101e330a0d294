package main

import (
	"context"
	"time"

	"github.com/corvusmail/corvus/internal/hibernate"
	"github.com/corvusmail/corvus/internal/metrics/procstats"
)

// statsPeriod is how often idled copies the holder's figures into its
// stats file; the holder keeps them itself, so this is one page of
// memory written per period.
const statsPeriod = time.Second

// publishHibernation copies h.Stats() into idled's stats file, which
// master sums into the corvus_hibernat* metrics (master(8), METRICS),
// every statsPeriod until ctx ends. The returned function waits for it
// to stop.
func publishHibernation(ctx context.Context, h *hibernate.Holder) (wait func()) {
	done := make(chan struct{})
	if !procstats.Enabled() {
		close(done)
		return func() { <-done }
	}
	go func() {
		defer close(done)
		t := time.NewTicker(statsPeriod)
		defer t.Stop()
		for {
			s := h.Stats()
			procstats.Set(procstats.HibernatedSessions, uint64(max(s.Held, 0)))
			procstats.Set(procstats.HibernationTaken, uint64(max(s.Taken, 0)))
			procstats.Set(procstats.HibernationAnswers, uint64(max(s.Answers, 0)))
			procstats.Set(procstats.HibernationThaws, uint64(max(s.Thaws, 0)))
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return func() { <-done }
}

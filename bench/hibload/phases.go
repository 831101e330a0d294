package main

import (
	"context"
	"fmt"
	"time"
)

// wakeRuns delivers to the hibernated sessions: the first delivery to
// each user (cold), then s.reps timed runs, reading where the sessions
// are before and after to see that idled answered without thawing.
func (r *results) wakeRuns(ctx context.Context, c *sizeCase, s settings, sr *sizeResult) error {
	f, err := newFleet(sr.users, c.sessions)
	if err != nil {
		return err
	}
	if sr.wake0, err = c.place(); err != nil {
		return err
	}
	r.busy = append(r.busy, quiet.Wait(ctx))
	if sr.cold, err = c.run(ctx, f, sr.users, s.wakeCap, s.gap); err != nil {
		return fmt.Errorf("first deliveries: %w", err)
	}
	reportWake("first delivery to each user", sr.cold)
	for rep := range s.reps {
		r.busy = append(r.busy, quiet.Wait(ctx))
		w, err := c.run(ctx, f, s.deliveries, s.wakeCap, s.gap)
		if err != nil {
			return fmt.Errorf("run %d: %w", rep+1, err)
		}
		reportWake(fmt.Sprintf("run %d", rep+1), w)
		sr.warm = append(sr.warm, w)
	}
	sr.wake1, err = c.place()
	return err
}

// thawRuns thaws samples of the sessions, one at a time and in a burst,
// s.reps times.
func (r *results) thawRuns(ctx context.Context, c *sizeCase, s settings, sr *sizeResult) error {
	seqN, burstN, err := thawCounts(sr.conns, s.reps, s.thawSeq, s.thawBurst)
	if err != nil {
		return err
	}
	pool := append([]*session(nil), c.sessions...)
	for rep := range s.reps {
		if err := ctx.Err(); err != nil {
			return err
		}
		r.busy = append(r.busy, quiet.Wait(ctx))
		seq := thawSequential(takeSample(&pool, seqN))
		reportThaw(fmt.Sprintf("run %d, one at a time", rep+1), seq)
		burst := thawBurst(takeSample(&pool, burstN))
		reportThaw(fmt.Sprintf("run %d, burst", rep+1), burst)
		sr.seq, sr.burst = append(sr.seq, seq), append(sr.burst, burst)
	}
	want := len(pool)
	waitUntil(ctx, 10*time.Second, 50*time.Millisecond, func() bool { return c.held() == want })
	sr.heldAfter = c.held()
	return nil
}

// reportWake prints one delivery run's figures on stderr.
func reportWake(what string, w wakeRun) {
	d := summarize(w.waits)
	progress("%s: %d deliveries, %d wake-ups, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d missed, idled CPU %.2f ms per delivery",
		what, w.deliveries, d.n, d.p50, d.p99, d.max, w.missed, ms(w.idledCPU)/float64(max(w.deliveries, 1)))
}

// reportThaw prints one thaw run's figures on stderr.
func reportThaw(what string, t thawRun) {
	d := summarize(t.waits)
	progress("thaw %s: %d thawed, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d failed, %d NOOP OK",
		what, d.n, d.p50, d.p99, d.max, t.failed, t.noopOK)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

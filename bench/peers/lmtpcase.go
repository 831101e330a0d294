package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// lmtpCase is the delivery measurement: clients LMTP sessions, each one
// connection for the whole run sending messages of the pool one after
// another, recipients round-robin over the LMTP users.
type lmtpCase struct {
	clients   int
	warm, dur time.Duration
	pool      [][]byte
	plan      userPlan
}

// run measures one instance once. A message counts if its 250 came
// inside the measured window (after the warm-up), so messages that span
// the window's edges are neither lost nor counted twice; its latency is
// from the final dot sent to the 250 read.
func (lc lmtpCase) run(ctx context.Context, in *instance, run int) (figures, error) {
	conns := make([]*lmtpConn, lc.clients)
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.cmd("QUIT")
				c.close()
			}
		}
	}()
	for i := range conns {
		c, err := dialLMTP(in.lmtp.String())
		if err != nil {
			return nil, err
		}
		conns[i] = c
	}
	start := time.Now()
	from, to := start.Add(lc.warm), start.Add(lc.warm+lc.dur)
	var mu sync.Mutex
	var waits []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	for ci, c := range conns {
		wg.Go(func() {
			for i := 0; ctx.Err() == nil && time.Now().Before(to); i++ {
				k := ci + i*lc.clients
				id := fmt.Sprintf("%s.%d.%d", in.name[:3], run, k)
				d, err := c.deliver(rcpt(lc.plan.lmtpUser(k)), id, lc.pool[k%len(lc.pool)])
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if err == nil && !d.acked.Before(from) && !d.acked.After(to) {
					waits = append(waits, d.acked.Sub(d.sent))
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	s := benchstats.Summarize(waits)
	return figures{
		"lmtp.rate": float64(s.N) / lc.dur.Seconds(),
		"lmtp.p50":  benchstats.MS(s.P50),
		"lmtp.p99":  benchstats.MS(s.P99),
	}, ctx.Err()
}

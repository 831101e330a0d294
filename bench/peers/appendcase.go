package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// appendCase is APPEND throughput: clients connections, each logged in
// as its own user, APPENDing perClient messages of size bytes to its
// INBOX one after another.
type appendCase struct {
	clients, perClient, size int
	plan                     userPlan
}

// run measures one instance once: the rate is all APPENDs ÷ the time
// from the first to the last; p99 is over each APPEND's time, command
// sent to tagged OK.
func (ac appendCase) run(ctx context.Context, in *instance, run int) (figures, error) {
	conns := make([]*imapConn, ac.clients)
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.close()
			}
		}
	}()
	for c := range conns {
		ic, err := dialIMAP(in.imap.String())
		if err != nil {
			return nil, err
		}
		conns[c] = ic
		if err := ic.login(ac.plan.appendUser(c), password); err != nil {
			return nil, err
		}
	}
	msgs := make([][][]byte, ac.clients) // made before timing
	for c := range msgs {
		rng := rand.New(rand.NewPCG(seed, uint64(2_000_000+run*1000+c)))
		for i := range ac.perClient {
			msgs[c] = append(msgs[c], withID(message(rng, i, ac.size), fmt.Sprintf("append.%d.%d.%d", run, c, i)))
		}
	}
	var mu sync.Mutex
	var times []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for c, ic := range conns {
		wg.Go(func() {
			for _, m := range msgs[c] {
				if ctx.Err() != nil {
					return
				}
				t0 := time.Now()
				err := ic.appendMsg("INBOX", m)
				d := time.Since(t0)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				times = append(times, d)
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return nil, firstErr
	}
	s := benchstats.Summarize(times)
	return figures{
		"append.rate": float64(s.N) / elapsed.Seconds(),
		"append.p50":  benchstats.MS(s.P50),
		"append.p99":  benchstats.MS(s.P99),
	}, ctx.Err()
}

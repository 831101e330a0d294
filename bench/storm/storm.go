package main

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"sync"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/benchstats"
)

// stormRep is the outcome of one repetition (one master) of a case.
type stormRep struct {
	benchstats.Summary
	Failed  int // clients that got no greeting
	Workers int // master's children after the last round
	// Forks is how many workers master started during the measured
	// rounds.
	Forks int
	// WakeupsPerConn is the voluntary context switches of all workers
	// during the measured rounds per connection served.
	WakeupsPerConn float64
	// Foreign is the share of CPU time that went to other processes
	// during the measured rounds.
	Foreign float64
}

// settleTimeout bounds the pause between rounds.
const settleTimeout = 5 * time.Second

// runStormRep starts a server for c, runs one discarded warm-up round and
// then rounds measured rounds, letting the server settle after each.
func runStormRep(ctx context.Context, bin string, c stormCase, rounds int) (stormRep, error) {
	rounds = c.rounds(rounds)
	addr, err := benchmaster.FreeAddr()
	if err != nil {
		return stormRep{}, err
	}
	srv, err := startServer(bin, c, addr)
	if err != nil {
		return stormRep{}, err
	}
	defer srv.Stop()
	srv.settle(settleTimeout)
	if _, failed := stormRound(addr, c.Clients); failed > 0 {
		// Warm-up (page cache, first-use paths, workers forked lazily):
		// discarded, but a failure here will fail the rounds too.
		fmt.Fprintf(os.Stderr, "storm: %d clients failed in the warm-up round\n", failed)
	}
	srv.settle(settleTimeout)
	before := srv.snapshot()
	use := readCPUUse(srv.Pid())
	var rep stormRep
	var samples []time.Duration
	for range rounds {
		if err := ctx.Err(); err != nil {
			return stormRep{}, err
		}
		lat, failed := stormRound(addr, c.Clients)
		samples = append(samples, lat...)
		rep.Failed += failed
		srv.settle(settleTimeout)
	}
	rep.Foreign = foreignShare(use, readCPUUse(srv.Pid()))
	after := srv.snapshot()
	if err := srv.failure(); err != nil {
		return stormRep{}, err
	}
	rep.Summary = benchstats.Summarize(samples)
	rep.Workers = len(after.kids)
	rep.Forks = after.forksSince(before)
	rep.WakeupsPerConn = float64(switchesSince(before.switches, after.switches)) / float64(rounds*c.Clients)
	return rep, nil
}

// stormRound connects n clients at once: every client goroutine waits at
// a barrier, which is released when all of them are there. It returns the
// latencies of the clients that were greeted and how many were not.
func stormRound(addr netip.AddrPort, n int) ([]time.Duration, int) {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	lat := make([]time.Duration, n)
	errs := make([]error, n)
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			lat[i], errs[i] = dialGreet(addr)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait() // bounded: every client gives up after clientTimeout
	var ok []time.Duration
	failed := 0
	for i, err := range errs {
		if err != nil {
			failed++
			noteClientError(err)
			continue
		}
		ok = append(ok, lat[i])
	}
	return ok, failed
}

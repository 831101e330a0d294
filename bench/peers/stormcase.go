package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
	"github.com/corvusmail/corvus/bench/procstat"
	"github.com/corvusmail/corvus/bench/wireline"
)

// stormCase is the connection storm: clients released together from a
// barrier, each timing connect() to the end of the IMAP greeting, then
// LOGOUT and close. One warm-up round is discarded.
type stormCase struct {
	clients, rounds int
}

// run measures one instance once; the percentiles are over all clients
// of its rounds.
func (sc stormCase) run(ctx context.Context, in *instance, run int) (figures, error) {
	var all []time.Duration
	for r := range sc.rounds + 1 {
		settle(in.rootPID())
		times, err := stormRound(in.imap.String(), sc.clients)
		if err != nil {
			return nil, fmt.Errorf("storm round %d: %w", r, err)
		}
		if r > 0 {
			all = append(all, times...)
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	s := benchstats.Summarize(all)
	return figures{
		"storm.p50": benchstats.MS(s.P50),
		"storm.p99": benchstats.MS(s.P99),
		"storm.max": benchstats.MS(s.Max),
	}, nil
}

// stormRound connects n clients at once and returns each one's time from
// connect() to its greeting.
func stormRound(addr string, n int) ([]time.Duration, error) {
	var ready, done sync.WaitGroup
	gate := make(chan struct{})
	times := make([]time.Duration, n)
	errs := make([]error, n)
	for i := range n {
		ready.Add(1)
		done.Go(func() {
			ready.Done()
			<-gate
			times[i], errs[i] = greetOnce(addr)
		})
	}
	ready.Wait()
	close(gate)
	done.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return times, nil
}

// greetOnce times one connection to its greeting, then logs out.
func greetOnce(addr string) (time.Duration, error) {
	t0 := time.Now()
	c, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return 0, fmt.Errorf("connect %s: %w", addr, err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(ioTimeout))
	br := bufio.NewReader(c)
	line, err := wireline.Read(br, maxLine)
	d := time.Since(t0)
	if err != nil {
		return 0, fmt.Errorf("greeting: %w", err)
	}
	if !strings.HasPrefix(line, "* OK") {
		return 0, fmt.Errorf("greeting %q", wireline.Short(line))
	}
	c.Write([]byte("s LOGOUT\r\n"))
	for {
		l, err := wireline.Read(br, maxLine)
		if err != nil || strings.HasPrefix(l, "s ") {
			return d, nil
		}
	}
}

// settle waits, at most settleMax, until every process of the server's
// tree has been asleep for two samples in a row, so that one round's
// replacement forks and clean-up do not run into the next; at least
// settleMin in any case.
func settle(root int) {
	const settleMin, settleMax, step = 100 * time.Millisecond, 3 * time.Second, 20 * time.Millisecond
	time.Sleep(settleMin)
	deadline := time.Now().Add(settleMax)
	quiet := 0
	for quiet < 2 && time.Now().Before(deadline) {
		if allAsleep(root) {
			quiet++
		} else {
			quiet = 0
		}
		time.Sleep(step)
	}
}

// allAsleep reports whether root and its tree are all sleeping (S) or
// idle (I).
func allAsleep(root int) bool {
	procs := append(procstat.Descendants(root), procstat.Proc{PID: root})
	for _, p := range procs {
		st := p.State
		if p.PID == root {
			s, ok := procstat.Read(root)
			if !ok {
				return true
			}
			st = s.State
		}
		if st != 'S' && st != 'I' {
			return false
		}
	}
	return true
}

package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/corvusmail/corvus/bench/cpuload"
)

// benchCase is one row of the results table.
type benchCase struct {
	name    string
	network string // "tcp" or "unix": which of master's LMTP services
	rcpts   int    // recipients per message
}

// users are the recipients, chosen round-robin; autocreate_post creates
// their accounts on the first warm-up's deliveries.
const users = 8

func userName(i int) string { return fmt.Sprintf("user%d", i) }

// recipients returns the addresses of the k-th message of a run: n users
// in a row from k on, so with one recipient each user gets every 8th
// message and with three every user still gets an equal share.
func recipients(k, n int) []string {
	out := make([]string, n)
	for j := range out {
		out[j] = userName((k+j)%users) + "@lmtpload.example"
	}
	return out
}

// runResult is one run of one case.
type runResult struct {
	messages   int             // transactions ended in the window, every recipient delivered
	deliveries int             // 250 replies after DATA in the window
	failed     int             // refused recipients in the window
	waits      []time.Duration // final dot → last reply, of those messages
	wholes     []time.Duration // MAIL FROM → last reply, of those messages
	elapsed    time.Duration   // the measured window
	busy       float64         // fraction of all CPUs busy in the window; -1 unknown
	selfCPU    time.Duration   // this program's CPU time in the window
	stored     int             // 250 replies after DATA in the whole run, warm-up included
	refusal    string          // the first refusal seen, for stderr
}

func (r runResult) rate() float64      { return float64(r.messages) / r.elapsed.Seconds() }
func (r runResult) delivRate() float64 { return float64(r.deliveries) / r.elapsed.Seconds() }

// runCase connects clients senders to addr and has each deliver messages
// one after another for warm+dur. A transaction counts if its last reply
// came inside the window after the warm-up, so the rate is completions per
// second of window; messages straddling its edges are not lost or counted
// twice. id makes the Message-IDs of this run unique.
func runCase(ctx context.Context, network, addr string, bc benchCase, clients int, warm, dur time.Duration, bodies [][]byte, id string) (runResult, error) {
	conns := make([]*sender, 0, clients)
	defer func() {
		for _, s := range conns {
			s.cmd("QUIT")
			s.close()
		}
	}()
	for range clients {
		s, err := dialLMTP(network, addr)
		if err != nil {
			return runResult{}, err
		}
		conns = append(conns, s)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	from, to := start.Add(warm), start.Add(warm+dur)
	res := runResult{elapsed: dur, busy: -1}
	var mu sync.Mutex
	var firstErr error
	var next atomic.Int64
	var wg sync.WaitGroup
	for c, s := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			off := c * len(bodies) / clients
			for i := 0; ctx.Err() == nil && time.Now().Before(to); i++ {
				k := int(next.Add(1) - 1)
				o, err := s.send(fmt.Sprintf("%s.%d.%d", id, c, i), bodies[(off+i)%len(bodies)], recipients(k, bc.rcpts))
				t := time.Now()
				mu.Lock()
				res.add(o, !t.Before(from) && !t.After(to))
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("client %d, message %d: %w", c, i, err)
					cancel()
				}
				mu.Unlock()
			}
		}()
	}
	busy, self := windowLoad(ctx, from, to)
	wg.Wait()
	res.busy, res.selfCPU = busy, self
	return res, firstErr
}

// add records one transaction; inWindow says whether it ended inside the
// measured window.
func (r *runResult) add(o outcome, inWindow bool) {
	r.stored += o.delivered
	if r.refusal == "" {
		r.refusal = o.refusal
	}
	if !inWindow {
		return
	}
	r.deliveries += o.delivered
	r.failed += o.failed
	if o.failed == 0 && o.delivered > 0 {
		r.messages++
		r.waits = append(r.waits, o.wait)
		r.wholes = append(r.wholes, o.whole)
	}
}

// windowLoad sleeps through the window and returns how busy all CPUs were
// in it (-1 if unknown) and the CPU time this program used, so the
// results can say whether the machine ran out of CPU.
func windowLoad(ctx context.Context, from, to time.Time) (float64, time.Duration) {
	if !sleepUntil(ctx, from) {
		return -1, 0
	}
	b0, t0, err0 := cpuload.Times()
	s0 := selfCPU()
	if !sleepUntil(ctx, to) {
		return -1, 0
	}
	b1, t1, err1 := cpuload.Times()
	self := selfCPU() - s0
	if err0 != nil || err1 != nil || t1 <= t0 {
		return -1, self
	}
	return float64(b1-b0) / float64(t1-t0), self
}

// sleepUntil waits for t; false if ctx ended first.
func sleepUntil(ctx context.Context, t time.Time) bool {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// selfCPU is this process's user and system CPU time so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// wakeMessage is what every wake-up delivery carries: small, so the
// delivery itself takes little of the time measured after it.
var wakeMessage = stuff(message(rand.New(rand.NewPCG(seed, 3)), 0, 1500))

// wakeResult is one round of wake-ups on one instance.
type wakeResult struct {
	deliveries int
	samples    []time.Duration // per (delivery, session): 250 read → EXISTS read
	missed     int             // sessions that read no EXISTS within the wait
	before     int             // EXISTS read before the 250 (counted as 0)
}

// wakeRound delivers one message to each of users idle users in turn
// (see roundUsers), one at a time, over an LMTP connection of its own (one
// kept from an earlier round would have met the server's idle timeout):
// after the 250 it waits, up to wait, for every session on that INBOX to
// read an EXISTS with a higher count, then pauses gap.
func (f *fleet) wakeRound(ctx context.Context, round, users int, wait, gap time.Duration) (wakeResult, error) {
	var wr wakeResult
	lc, err := dialLMTP(f.in.lmtp.String())
	if err != nil {
		return wr, fmt.Errorf("%s: %w", f.in.name, err)
	}
	defer lc.close()
	for _, u := range roundUsers(round, users, len(f.byUser)) {
		ss := f.byUser[u]
		if len(ss) == 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return wr, err
		}
		for _, s := range ss {
			s.drain()
		}
		id := fmt.Sprintf("wake.%s.%d.%d", f.in.kind, round, u)
		d, err := lc.deliver(rcpt(f.plan.idleUser(u)), id, wakeMessage)
		if err != nil {
			return wr, fmt.Errorf("%s: wake-up delivery: %w", f.in.name, err)
		}
		wr.deliveries++
		deadline := d.acked.Add(wait)
		for _, s := range ss {
			at, ok := s.awaitAbove(s.count, deadline)
			switch {
			case !ok:
				wr.missed++
			case at.Before(d.acked):
				wr.before++
				wr.samples = append(wr.samples, 0)
			default:
				wr.samples = append(wr.samples, at.Sub(d.acked))
			}
		}
		time.Sleep(gap)
	}
	return wr, nil
}

// roundUsers picks the n idle users (of total) a round delivers to:
// consecutive ones, each round going on where the last stopped, so that
// no user is woken twice before every user was woken once (a hibernating
// server then wakes sessions that hibernated long ago, not ones just
// woken).
func roundUsers(round, n, total int) []int {
	n = min(n, total)
	out := make([]int, n)
	for i := range n {
		out[i] = (round*n + i) % total
	}
	return out
}

// drain takes the EXISTS already read without waiting, keeping the
// count.
func (s *idler) drain() {
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				return
			}
			s.count = max(s.count, ev.n)
		default:
			return
		}
	}
}

// awaitAbove waits until deadline for an EXISTS above count and returns
// when it was read; false if none came or the connection ended.
func (s *idler) awaitAbove(count uint32, deadline time.Time) (time.Time, bool) {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				return time.Time{}, false
			}
			s.count = max(s.count, ev.n)
			if ev.n > count {
				return ev.at, true
			}
		case <-timer.C:
			return time.Time{}, false
		}
	}
}

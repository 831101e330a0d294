package main

import (
	"context"
	"fmt"
	"sync"
)

// loginParallel is how many sessions log in at once: enough to keep two
// CPUs busy, few enough to stay inside a listen backlog of 32.
const loginParallel = 8

// fleet is one instance's idling sessions, perUser on each idle user's
// INBOX.
type fleet struct {
	in     *instance
	plan   userPlan
	byUser [][]*idler
}

// connectFleet opens n sessions, session i on idle user i mod users.
func connectFleet(ctx context.Context, in *instance, plan userPlan, n int) (*fleet, error) {
	f := &fleet{in: in, plan: plan, byUser: make([][]*idler, plan.idleUsers)}
	out := make([]*idler, n)
	next := make(chan int)
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for range min(loginParallel, n) {
		wg.Go(func() {
			for i := range next {
				u := i % plan.idleUsers
				s, err := dialIdler(in.imap.String(), u, plan.idleUser(u))
				mu.Lock()
				out[i] = s
				if err != nil && first == nil {
					first = fmt.Errorf("%s: idling session %d: %w", in.name, i, err)
				}
				mu.Unlock()
			}
		})
	}
	for i := range n {
		mu.Lock()
		stop := first != nil
		mu.Unlock()
		if stop || ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for _, s := range out {
		if s != nil {
			f.byUser[s.user] = append(f.byUser[s.user], s)
		}
	}
	if first == nil {
		first = ctx.Err()
	}
	if first != nil {
		f.close()
		return nil, first
	}
	return f, nil
}

// close ends every session.
func (f *fleet) close() {
	for _, ss := range f.byUser {
		for _, s := range ss {
			s.close()
		}
	}
}

// sessions is how many sessions the fleet holds.
func (f *fleet) sessions() int {
	n := 0
	for _, ss := range f.byUser {
		n += len(ss)
	}
	return n
}

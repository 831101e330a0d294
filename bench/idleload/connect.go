package main

import (
	"context"
	"fmt"
	"sync"
)

// loginParallel is how many sessions log in at once: enough to keep both
// CPUs busy with LOGIN's key derivation, few enough to stay inside
// master's listen backlog (32, as Cyrus's -l default).
const loginParallel = 8

// connectIdlers opens n sessions, session i as user i mod users, each
// idling on its INBOX. On error it closes those it opened.
func connectIdlers(ctx context.Context, addr string, n, users int) ([]*idler, error) {
	out := make([]*idler, n)
	next := make(chan int)
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for range min(loginParallel, n) {
		wg.Go(func() {
			for i := range next {
				s, err := dialIdler(addr, i%users, userName(i%users), userPW)
				mu.Lock()
				out[i] = s
				if err != nil && first == nil {
					first = fmt.Errorf("session %d: %w", i, err)
				}
				mu.Unlock()
			}
		})
	}
	for i := range n {
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed || ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	if first != nil {
		closeIdlers(out)
		return nil, first
	}
	return out, nil
}

// closeIdlers closes every session of ss that was opened.
func closeIdlers(ss []*idler) {
	for _, s := range ss {
		if s != nil {
			s.close()
		}
	}
}

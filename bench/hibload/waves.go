package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// hibernateWait bounds how long a wave may take to reach idled past the
// hibernate timeout.
const hibernateWait = 60 * time.Second

// connectWaves opens sessions from..n-1 (session i as user i mod users)
// in waves of s.wave at once: each wave logs in, selects and idles, then
// the next waits until idled holds the whole wave, so every wave finds
// the imap workers free again. The sessions opened are returned even on
// error, for closing.
func (c *sizeCase) connectWaves(ctx context.Context, s settings, from, n, users int) ([]*session, error) {
	var all []*session
	base := c.held()
	for start := from; start < n; start += s.wave {
		if err := ctx.Err(); err != nil {
			return all, err
		}
		end := min(start+s.wave, n)
		wave, err := openWave(c.imap.String(), start, end, users)
		all = append(all, wave...)
		if err != nil {
			return all, err
		}
		want := base + len(all)
		ok := waitUntil(ctx, time.Duration(s.hibernate)*time.Second+hibernateWait, 20*time.Millisecond, func() bool { return c.held() >= want })
		if !ok {
			return all, fmt.Errorf("idled holds %d sessions, not the %d idling (wave %d–%d)", c.held(), want, start, end)
		}
	}
	return all, nil
}

// openWave opens sessions start..end-1 in parallel. On error the ones
// opened are returned too, for closing.
func openWave(addr string, start, end, users int) ([]*session, error) {
	out := make([]*session, end-start)
	errs := make([]error, end-start)
	var wg sync.WaitGroup
	for i := start; i < end; i++ {
		wg.Go(func() { out[i-start], errs[i-start] = dialSession(addr, i%users, userPW) })
	}
	wg.Wait()
	var opened []*session
	var first error
	for i, s := range out {
		if s != nil {
			opened = append(opened, s)
		}
		if errs[i] != nil && first == nil {
			first = fmt.Errorf("session %d: %w", start+i, errs[i])
		}
	}
	return opened, first
}

// closeSessions closes every session of ss.
func closeSessions(ss []*session) {
	var wg sync.WaitGroup
	for _, s := range ss {
		wg.Go(s.close)
	}
	wg.Wait()
}

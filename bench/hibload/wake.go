package main

import (
	"context"
	"fmt"
	"time"

	"github.com/corvusmail/corvus/bench/procstat"
)

// wakeRun is one series of deliveries: a wake-up sample for every
// (delivery, hibernated session of its user) pair.
type wakeRun struct {
	deliveries int
	waits      []time.Duration // LMTP 250 read → that session's EXISTS read
	missed     int             // pairs with no EXISTS within the cap
	early      int             // EXISTS read before the 250 (counted as 0)
	idledCPU   time.Duration   // idled's CPU time during the run
}

// fleet is the hibernated sessions by user and each INBOX's count.
type fleet struct {
	byUser [][]*session
	count  []uint32
	seq    int // Message-IDs so far
}

// newFleet groups sessions by user; every session of a user must have
// found the same count at SELECT.
func newFleet(users int, sessions []*session) (*fleet, error) {
	f := &fleet{byUser: make([][]*session, users), count: make([]uint32, users)}
	for _, s := range sessions {
		if len(f.byUser[s.user]) > 0 && f.count[s.user] != s.selected {
			return nil, fmt.Errorf("%s: SELECT found %d and %d messages", userName(s.user), f.count[s.user], s.selected)
		}
		f.byUser[s.user] = append(f.byUser[s.user], s)
		f.count[s.user] = s.selected
	}
	return f, nil
}

// run delivers n messages round-robin over the users, waiting after each
// for its user's sessions (up to wakeCap) and then gap.
func (c *sizeCase) run(ctx context.Context, f *fleet, n int, wakeCap, gap time.Duration) (wakeRun, error) {
	var r wakeRun
	cpu0 := procstat.OnCPU(c.idled)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		if err := c.deliver(f, i%len(f.byUser), wakeCap, &r); err != nil {
			return r, err
		}
		time.Sleep(gap)
	}
	r.idledCPU = procstat.OnCPU(c.idled) - cpu0
	return r, nil
}

// deliver sends one message to user u and collects its sessions'
// wake-ups into r.
func (c *sizeCase) deliver(f *fleet, u int, wakeCap time.Duration, r *wakeRun) error {
	f.seq++
	acked, err := c.lc.deliver(rcpt(u), fmt.Sprintf("m%d.%d", f.seq, time.Now().UnixNano()))
	if err != nil {
		return err
	}
	f.count[u]++
	r.deliveries++
	deadline := acked.Add(wakeCap)
	for _, s := range f.byUser[u] {
		e, ok := awaitExists(s.events, f.count[u], deadline)
		if !ok {
			r.missed++
			continue
		}
		d := e.at.Sub(acked)
		if d < 0 {
			// idled answered before the client read lmtpd's 250.
			r.early++
			d = 0
		}
		r.waits = append(r.waits, d)
	}
	return nil
}

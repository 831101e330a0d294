package main

import (
	"context"
	"fmt"
	"time"
)

// runResult is one series of deliveries: a wake-up sample for every
// (delivery, idling session of its user) pair.
type runResult struct {
	deliveries int
	waits      []time.Duration // LMTP 250 read → that session's EXISTS read
	firsts     []time.Duration // per delivery, its first session's wait
	missed     int             // pairs with no EXISTS within the cap
	early      int             // EXISTS read before the 250 (counted as 0)
	cpu        serverCPU       // the server's CPU time during the run
	foreign    float64         // share of the CPUs other programs took, -1 unknown
	elapsed    time.Duration   // the run's wall time, pauses included
}

// pairs is the number of (delivery, session) pairs measured.
func (r runResult) pairs() int { return len(r.waits) + r.missed }

// fleet is the idling sessions and the connection delivering to them.
type fleet struct {
	lmtp   *deliverer
	byUser [][]*idler // sessions per user
	count  []uint32   // messages in each user's INBOX
	seq    int        // Message-IDs so far
}

// newFleet groups sessions by user and takes each INBOX's count from
// SELECT; every session of a user must agree.
func newFleet(lmtp *deliverer, users int, sessions []*idler) (*fleet, error) {
	f := &fleet{lmtp: lmtp, byUser: make([][]*idler, users), count: make([]uint32, users)}
	for _, s := range sessions {
		if len(f.byUser[s.user]) > 0 && f.count[s.user] != s.selected {
			return nil, fmt.Errorf("%s: SELECT found %d and %d messages", userName(s.user), f.count[s.user], s.selected)
		}
		f.byUser[s.user] = append(f.byUser[s.user], s)
		f.count[s.user] = s.selected
	}
	return f, nil
}

// run delivers one message to each user of order in turn, waiting after
// each for its user's sessions (up to wakeCap) and then gap.
func (f *fleet) run(ctx context.Context, order []int, wakeCap, gap time.Duration) (r runResult, err error) {
	start := time.Now()
	// A named result: the deferred assignment must reach the caller.
	defer func() { r.elapsed = time.Since(start) }()
	for _, u := range order {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		if err := f.deliver(u, wakeCap, &r); err != nil {
			return r, err
		}
		time.Sleep(gap)
	}
	return r, nil
}

// deliver sends one message to user u and collects its sessions'
// wake-ups into r.
func (f *fleet) deliver(u int, wakeCap time.Duration, r *runResult) error {
	f.seq++
	acked, err := f.lmtp.deliver(userName(u)+"@idleload.example", fmt.Sprintf("m%d.%d", f.seq, time.Now().UnixNano()))
	if err != nil {
		return err
	}
	f.count[u]++
	r.deliveries++
	deadline := acked.Add(wakeCap)
	first := time.Duration(-1)
	for _, s := range f.byUser[u] {
		e, ok := awaitExists(s.events, f.count[u], deadline)
		if !ok {
			r.missed++
			continue
		}
		d := e.at.Sub(acked)
		if d < 0 {
			// idled was told before lmtpd answered, and the session's
			// line arrived first: no wait at all from the client's view.
			r.early++
			d = 0
		}
		r.waits = append(r.waits, d)
		if first < 0 || d < first {
			first = d
		}
	}
	if first >= 0 {
		r.firsts = append(r.firsts, first)
	}
	return nil
}

// roundRobin is n deliveries over users in turn, starting at user 0:
// every user gets an equal share, and with more than one user no two
// deliveries in a row go to one INBOX.
func roundRobin(n, users int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i % users
	}
	return out
}

// userName is the k-th user's login and local part.
func userName(k int) string { return fmt.Sprintf("idler%d", k) }

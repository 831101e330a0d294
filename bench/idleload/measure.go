package main

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/cpuload"
)

// results is everything one invocation measured.
type results struct {
	clients, users int
	forked, idling time.Duration // master's prefork of the imapds; all sessions logging in to IDLE
	cold           runResult     // the first delivery to each user after the sessions settled
	warm           []runResult   // one per repetition
	mem            memResult
	pollRan        bool
	poll           runResult
	pollSessions   int
	pollIdled      time.Duration // the longest any session idled before the case without idled ended
	busy           []float64     // CPU busy fraction before each run with idled
	rest           serverCPU     // the server's CPU time per second while only idling
}

// quiet waits for idle CPUs before each run (the machine is shared); all
// waits together take at most 15 s, to keep make bench short.
var quiet = &cpuload.Waiter{Prog: "idleload", Budget: 15 * time.Second}

// userPW is every user's password.
const userPW = "idle-bench-pw"

// imapdExtra is added to the store's imapd.conf: recipients are created
// on first delivery, and IDLE polls only every minute (Cyrus's default,
// set here so the figures do not depend on it), so only idled can wake a
// session fast.
const imapdExtra = "autocreate_post: yes\nimapidlepoll: 60s\n"

// cyrusConf is one imapd per idling session plus spares (prefork covers
// every session, so the log-ins do not wait on forks), lmtpd on TCP, and
// idled in DAEMON as Cyrus's sample cyrus.conf has it, unless withIdled
// is false.
func cyrusConf(imap, lmtp netip.AddrPort, sessions int, withIdled bool) string {
	s := fmt.Sprintf(`SERVICES {
  imap cmd="imapd" listen="%s" prefork=%d maxchild=%d
  lmtp cmd="lmtpd -a" listen="%s" prefork=2
}
`, imap, sessions, sessions+50, lmtp)
	if withIdled {
		s += "DAEMON {\n  idled cmd=\"idled\"\n}\n"
	}
	return s
}

// measure creates the users, runs the idled case and then the one
// without idled on a second master over the same store.
func measure(ctx context.Context, s settings) (results, error) {
	r := results{clients: s.clients, users: s.users}
	d, err := benchmaster.NewStoreDir(s.bin, "idleload", imapdExtra)
	if err != nil {
		return r, err
	}
	defer d.Remove()
	for u := range s.users {
		if err := d.AddUser(userName(u), userPW); err != nil {
			return r, err
		}
	}
	addrs, err := benchmaster.FreeAddrs(2)
	if err != nil {
		return r, err
	}
	if err := r.withIdled(ctx, d, s, addrs[0], addrs[1]); err != nil {
		return r, err
	}
	if s.pollDeliveries == 0 {
		return r, nil
	}
	if err := r.withoutIdled(ctx, d, s, addrs[0], addrs[1]); err != nil {
		return r, fmt.Errorf("without idled: %w", err)
	}
	return r, nil
}

// withIdled is the main case: every session idles, the users get their
// first delivery (cold), then reps runs of deliveries are timed, and the
// memory is read while all still idle.
func (r *results) withIdled(ctx context.Context, d *benchmaster.Dir, s settings, imap, lmtp netip.AddrPort) error {
	c, err := startCase(ctx, d, s, imap, lmtp, s.clients, s.users, true, true)
	if err != nil {
		return err
	}
	defer c.stop()
	r.forked, r.idling = c.forked, c.idling
	fmt.Fprintf(os.Stderr, "idleload: %d imapd forked in %v; %d sessions idling after %v\n", s.clients, c.forked.Round(time.Millisecond), s.clients, c.idling.Round(time.Millisecond))
	r.busy = append(r.busy, quiet.Wait(ctx))
	r.rest = measureRest(c.m.Pid())
	if r.cold, err = c.timedRun(ctx, roundRobin(s.users, s.users), s.wakeCap, s.gap); err != nil {
		return fmt.Errorf("first deliveries: %w", err)
	}
	report("first delivery to each user", r.cold)
	for rep := range s.reps {
		r.busy = append(r.busy, quiet.Wait(ctx))
		rr, err := c.timedRun(ctx, roundRobin(s.deliveries, s.users), s.wakeCap, s.gap)
		if err != nil {
			return fmt.Errorf("run %d: %w", rep+1, err)
		}
		report(fmt.Sprintf("run %d", rep+1), rr)
		r.warm = append(r.warm, rr)
	}
	if r.mem, err = measureMemory(c.m.Pid(), imap.Port()); err != nil {
		return err
	}
	if r.mem.pinned.n != s.clients {
		return fmt.Errorf("%d imapd workers hold an IMAP connection, not one per session (%d)", r.mem.pinned.n, s.clients)
	}
	return nil
}

// withoutIdled shows the poll fallback: idled is not in cyrus.conf, so a
// session sees a delivery only at its next imapidlepoll.
func (r *results) withoutIdled(ctx context.Context, d *benchmaster.Dir, s settings, imap, lmtp netip.AddrPort) error {
	perUser := max(1, s.clients/s.users)
	users := min(s.pollDeliveries, s.users)
	c, err := startCase(ctx, d, s, imap, lmtp, users*perUser, users, false, false)
	if err != nil {
		return err
	}
	defer c.stop()
	order := roundRobin(s.pollDeliveries, users)
	if r.poll, err = c.fleet.run(ctx, order, s.pollWait, 0); err != nil {
		return err
	}
	r.pollRan, r.pollSessions, r.pollIdled = true, users*perUser, time.Since(c.idleFrom)
	report("without idled", r.poll)
	return nil
}

// report prints one run's figures on stderr as it ends.
func report(what string, rr runResult) {
	if len(rr.waits) == 0 {
		fmt.Fprintf(os.Stderr, "idleload: %s: %d deliveries, no wake-ups, %d missed\n", what, rr.deliveries, rr.missed)
		return
	}
	f := summarize(rr)
	fmt.Fprintf(os.Stderr, "idleload: %s: %d deliveries, %d wake-ups, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d missed\n",
		what, rr.deliveries, len(rr.waits), f.p50, f.p99, f.max, rr.missed)
}

package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/cpuload"
)

// quiet waits for idle CPUs before each timed run (the machine is
// shared); all waits together take at most 20 s.
var quiet = &cpuload.Waiter{Prog: "hibload", Budget: 20 * time.Second}

// results is everything one invocation measured.
type results struct {
	sizes []sizeResult
	busy  []float64 // CPU busy fraction before each timed run
}

// sizeResult is one size's figures.
type sizeResult struct {
	conns, users int
	forked       time.Duration // master start → every imap worker up
	connect      time.Duration // opening the sessions until idled held them (memory readings left out)
	before       treeMem       // after the warm-up, no session open
	mid          treeMem       // half the sessions hibernated
	after        treeMem       // every session hibernated
	rest         placement     // where the sessions were then
	preConnect   placement     // where they were before (none open)
	wBefore      []workerPoint // imap workers' open accounts and PSS, before …
	wAfter       []workerPoint // … and with every session hibernated
	cold         wakeRun       // the first delivery to each user
	warm         []wakeRun
	wake0, wake1 placement // before and after all deliveries
	seq, burst   []thawRun
	heldAfter    int   // sessions idled held after the thaws
	exists       int64 // EXISTS lines the sessions read while idling
	recent       int64 // RECENT lines
	other        int64 // any other line (none expected)
}

// measure creates the users and runs each size on a fresh master over
// the same store.
func measure(ctx context.Context, s settings) (results, error) {
	var r results
	d, err := benchmaster.NewStoreDir(s.bin, "hibload", imapdExtra(s.hibernate))
	if err != nil {
		return r, err
	}
	defer d.Remove()
	for u := range s.users {
		if err := d.AddUser(userName(u), userPW); err != nil {
			return r, err
		}
	}
	for _, n := range s.sizes {
		sr, err := r.measureSize(ctx, d, s, n)
		if err != nil {
			return r, fmt.Errorf("%d connections: %w", n, err)
		}
		r.sizes = append(r.sizes, sr)
	}
	return r, nil
}

// measureSize runs one size: warm-up, memory with no session and with n
// hibernated, deliveries, thaws.
func (r *results) measureSize(ctx context.Context, d *benchmaster.Dir, s settings, n int) (sr sizeResult, err error) {
	sr = sizeResult{conns: n, users: min(s.users, n)}
	c, err := startCase(d, s)
	if err != nil {
		return sr, err
	}
	defer c.stop()
	sr.forked = c.forked
	if err := c.prime(sr.users); err != nil {
		return sr, err
	}
	if sr.before, err = c.warmUp(ctx, s, sr.users); err != nil {
		return sr, err
	}
	sr.wBefore = readWorkers(c.m.Pid())
	if sr.preConnect, err = c.place(); err != nil {
		return sr, err
	}
	if sr.mid, err = c.hibernateUpTo(ctx, s, &sr, n/2); err != nil {
		return sr, err
	}
	if sr.after, err = c.hibernateUpTo(ctx, s, &sr, n); err != nil {
		return sr, err
	}
	sr.wAfter = readWorkers(c.m.Pid())
	progress("%d sessions hibernated in %v (%.0f/s)", n, sr.connect.Round(time.Millisecond), float64(n)/sr.connect.Seconds())
	progress("server PSS %.1f MB → %.1f MB → %.1f MB: %.2f kB per connection, %.2f kB from %d to %d; idled %.2f kB per connection",
		mb(sr.before.total()), mb(sr.mid.total()), mb(sr.after.total()), perConn(sr.before.total(), sr.after.total(), n),
		perConn(sr.mid.total(), sr.after.total(), n-n/2), n/2, n, perConn(sr.before[classIdled].pss, sr.after[classIdled].pss, n))
	a0, p0 := means(sr.wBefore)
	a1, p1 := means(sr.wAfter)
	k, base := fitLine(append(append([]workerPoint(nil), sr.wBefore...), sr.wAfter...))
	progress("imap workers: %.1f → %.1f open account databases each, PSS %.0f → %.0f kB each; %.0f kB per open account, %.0f kB with none (least squares)",
		a0, a1, p0, p1, k, base)
	if s.linger > 0 {
		progress("master is pid %d (configdirectory %s); lingering %v", c.m.Pid(), d.Path(""), s.linger)
		waitUntil(ctx, s.linger, time.Second, func() bool { return false })
	}
	if err := r.wakeRuns(ctx, c, s, &sr); err != nil {
		return sr, err
	}
	if err := r.thawRuns(ctx, c, s, &sr); err != nil {
		return sr, err
	}
	for _, x := range c.sessions {
		sr.exists, sr.recent, sr.other = sr.exists+x.exists.Load(), sr.recent+x.recent.Load(), sr.other+x.other.Load()
	}
	return sr, nil
}

// hibernateUpTo opens sessions until n are hibernated, waits for them to
// settle in idled and reads the server's memory.
func (c *sizeCase) hibernateUpTo(ctx context.Context, s settings, sr *sizeResult, n int) (treeMem, error) {
	t0 := time.Now()
	more, err := c.connectWaves(ctx, s, len(c.sessions), n, sr.users)
	c.sessions = append(c.sessions, more...)
	if err != nil {
		return nil, err
	}
	sr.connect += time.Since(t0)
	if sr.rest, err = c.settled(ctx, n); err != nil {
		return nil, err
	}
	time.Sleep(s.settle)
	return readTreeMem(c.m.Pid())
}

// warmUp hibernates a session per user, and at least one per imap
// worker, and closes them, so that the memory read next (and returned)
// has every user's state and every worker's code path warm, with no
// session open.
func (c *sizeCase) warmUp(ctx context.Context, s settings, users int) (treeMem, error) {
	warm, err := c.connectWaves(ctx, s, 0, max(users, s.wave), users)
	closeSessions(warm)
	if err != nil {
		return nil, fmt.Errorf("warm-up: %w", err)
	}
	if !waitUntil(ctx, 30*time.Second, 20*time.Millisecond, func() bool { return c.held() <= 0 }) {
		return nil, fmt.Errorf("warm-up: idled still holds %d closed sessions", c.held())
	}
	time.Sleep(s.settle)
	return readTreeMem(c.m.Pid())
}

// settled waits until idled holds all n sessions and no imapd worker
// holds one (all back at accept), and returns that placement.
func (c *sizeCase) settled(ctx context.Context, n int) (placement, error) {
	var p placement
	var err error
	ok := waitUntil(ctx, 30*time.Second, 200*time.Millisecond, func() bool {
		p, err = c.place()
		return err == nil && p.byClass[classIdled] == n && p.byClass[classImapd] == 0
	})
	if err != nil {
		return p, err
	}
	if !ok {
		return p, fmt.Errorf("sessions not all hibernated: idled holds %d of %d IMAP connections, imapd workers %d, imapd -R %d",
			p.byClass[classIdled], n, p.byClass[classImapd], p.byClass[classThaw])
	}
	return p, nil
}

// progress says on stderr how far the benchmark is.
func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "hibload: "+format+"\n", args...)
}

// mb is kB in MB.
func mb(kb int) float64 { return float64(kb) / 1024 }

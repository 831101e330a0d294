package main

import (
	"context"
	"fmt"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// idleSettle is the pause after the last session starts idling, for the
// servers' watches (idled, inotify) to be in place before memory is read
// and mail delivered.
const idleSettle = time.Second

// idleState is one instance holding its idling sessions.
type idleState struct {
	in        *instance
	f         *fleet
	base      treeMemory // before the sessions connected
	baseNamed int        // pinned processes then
	connect   time.Duration
	during    treeMemory // once all were idling (and hibernated)
}

// openIdle reads the server's memory, connects its idling sessions,
// waits for them to settle (and hibernate) and reads it again: the
// growth per session is the first "idle.kB" figure.
func openIdle(ctx context.Context, in *instance, plan userPlan, n int) (*idleState, figures, error) {
	settle(in.rootPID())
	st := &idleState{in: in, base: readTree(in.rootPID()), baseNamed: countNamed(in.rootPID(), in.pinned)}
	t0 := time.Now()
	f, err := connectFleet(ctx, in, plan, n)
	if err != nil {
		return nil, nil, err
	}
	st.f, st.connect = f, time.Since(t0)
	time.Sleep(idleSettle)
	if left := st.waitHibernated(ctx); left > 0 {
		return st, nil, fmt.Errorf("%s: %d of %d sessions still had a %s process %v after imap_hibernate_timeout", in.name, left, n, in.pinned, hibernateGrace)
	}
	st.during = readTree(in.rootPID())
	return st, figures{"idle.kB": st.perSession(st.during)}, ctx.Err()
}

// perSession is the PSS growth since before the sessions, per session.
func (st *idleState) perSession(now treeMemory) float64 {
	return float64(now.pssKB-st.base.pssKB) / float64(st.f.sessions())
}

// hibernateGrace is how long past its imap_hibernate_timeout an instance
// may take to hibernate every session.
const hibernateGrace = 60 * time.Second

// waitHibernated waits, for a hibernating instance, until no more
// processes of the kind a session pins are left than before the sessions
// came (1 % slack), and returns how many sessions still seemed to have
// one when it gave up; 0 at once for an instance that does not
// hibernate.
func (st *idleState) waitHibernated(ctx context.Context) int {
	if st.in.hibernate == 0 {
		return 0
	}
	limit := st.baseNamed + st.f.sessions()/100
	deadline := time.Now().Add(st.in.hibernate + hibernateGrace)
	for {
		n := countNamed(st.in.rootPID(), st.in.pinned)
		if n <= limit || time.Now().After(deadline) || ctx.Err() != nil {
			return max(0, n-limit)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// round is one wake-up round (a delivery to each of users idle users), waiting
// first for a hibernating instance to hibernate again, and the memory per
// session after it.
func (st *idleState) round(ctx context.Context, r, users int, wait, gap time.Duration) (figures, error) {
	if left := st.waitHibernated(ctx); left > 0 {
		return nil, fmt.Errorf("%s: %d sessions did not hibernate again before round %d", st.in.name, left, r)
	}
	wr, err := st.f.wakeRound(ctx, r, users, wait, gap)
	if err != nil {
		return nil, err
	}
	s := benchstats.Summarize(wr.samples)
	fig := figures{
		"wake.p50":    benchstats.MS(s.P50),
		"wake.p99":    benchstats.MS(s.P99),
		"wake.max":    benchstats.MS(s.Max),
		"wake.n":      float64(s.N),
		"wake.missed": float64(wr.missed),
		"wake.before": float64(wr.before),
	}
	time.Sleep(idleSettle)
	st.waitHibernated(ctx)
	fig["idle.kB"] = st.perSession(readTree(st.in.rootPID()))
	return fig, ctx.Err()
}

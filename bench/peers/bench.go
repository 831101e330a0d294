package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/cpuload"
)

// env is what the results say about the set-up besides the figures.
type env struct {
	versions map[string]string // kind → version
	inotify  int               // fs.inotify.max_user_instances
	setup    []string          // one line per instance: start-up, priming, seeding
	idle     []string          // one line per instance: the idling sessions' set-up
	search   []string          // one line per instance: the search mailbox's fill
	failure  string            // why the run ended early, if it did
}

// measure starts the servers, runs every selected measurement on each in
// turn, and stops them.
func measure(ctx context.Context, s settings) (*results, env, error) {
	e := env{versions: versions(s), inotify: inotifyInstances()}
	res := newResults()
	work, cleanup, err := workDir(s)
	if err != nil {
		return nil, e, err
	}
	defer cleanup()
	plan := s.plan()
	main, idleOnly, stop, err := startAll(ctx, s, work, plan, &e)
	defer stop()
	if err != nil {
		return nil, e, err
	}
	waitQuiet(ctx, s.quietWait)
	waiter := &cpuload.Waiter{Prog: "peers", Budget: 3 * time.Minute}
	quiet := func() { res.busy = append(res.busy, waiter.Wait(ctx)) }
	uids := map[string][]uint32{}
	if s.runs("session") {
		for _, in := range main {
			t0 := time.Now()
			u, err := seedMailbox(ctx, in, plan.sessionUser(), s.messages)
			if err != nil {
				return nil, e, err
			}
			uids[in.name] = u
			e.setup = append(e.setup, fmt.Sprintf("%s: %d messages APPENDed to the session loop's INBOX in %.1f s", in.name, len(u), time.Since(t0).Seconds()))
		}
	}
	phases := []struct {
		name string
		run  func(context.Context, *instance, int) (figures, error)
	}{
		{"lmtp", lmtpCase{clients: s.clients, warm: s.lmtpWarm, dur: s.lmtpDur, pool: lmtpPool(256), plan: plan}.run},
		{"session", sessionCase{clients: s.clients, warm: s.sessWarm, dur: s.sessDur, plan: plan, uids: uids}.run},
		{"append", appendCase{clients: s.clients, perClient: s.appends, size: s.appendSize, plan: plan}.run},
		{"storm", stormCase{clients: s.stormClients, rounds: s.rounds}.run},
	}
	for _, ph := range phases {
		if !s.runs(ph.name) {
			continue
		}
		for rep := range s.reps {
			for _, in := range main {
				quiet()
				progress("%s run %d on %s", ph.name, rep+1, in.name)
				f, err := ph.run(ctx, in, rep)
				if err != nil {
					return res, e, fmt.Errorf("%s on %s: %w", ph.name, in.name, err)
				}
				res.add(in.name, f)
			}
		}
	}
	if s.runs("search") {
		if err := searchPhase(ctx, s, main, res, &e, quiet); err != nil {
			return res, e, err
		}
	}
	if s.runs("idle") {
		if err := idlePhase(ctx, s, append(main, idleOnly...), res, &e, quiet); err != nil {
			return res, e, err
		}
	}
	return res, e, ctx.Err()
}

// idlePhase has every instance hold its idling sessions at once, reads
// their memory, then runs the wake-up rounds interleaved over the
// instances.
func idlePhase(ctx context.Context, s settings, insts []*instance, res *results, e *env, quiet func()) error {
	var states []*idleState
	defer func() {
		for _, st := range states {
			st.f.close()
		}
	}()
	for _, in := range insts {
		progress("%d idling sessions on %s", s.idle, in.name)
		st, f, err := openIdle(ctx, in, s.plan(), s.idle)
		if st != nil {
			states = append(states, st)
		}
		if err != nil {
			return err
		}
		res.add(in.name, f)
		e.idle = append(e.idle, fmt.Sprintf("%s: %d sessions idling %.1f s after the first connected; processes before: %s (PSS %.1f MB); while idling: %s (PSS %.1f MB)",
			in.name, st.f.sessions(), st.connect.Seconds(), describeCounts(st.base.count), float64(st.base.pssKB)/1024,
			describeCounts(st.during.count), float64(st.during.pssKB)/1024))
	}
	for r := range s.reps {
		for _, st := range states {
			quiet()
			progress("wake-up round %d on %s", r+1, st.in.name)
			f, err := st.round(ctx, r, s.wakeUsers, s.wait, s.gap)
			if err != nil {
				return err
			}
			res.add(st.in.name, f)
		}
	}
	// Once deliveries stop, what they left cached should go: Corvus
	// closes accounts idle for 30 s (the sqlite store's MaxIdleTime).
	progress("waiting %v after the last delivery for a quiet reading", idleQuietAfter)
	select {
	case <-time.After(idleQuietAfter):
	case <-ctx.Done():
		return ctx.Err()
	}
	for _, st := range states {
		st.waitHibernated(ctx)
		res.add(st.in.name, figures{"idle.quiet.kB": st.perSession(readTree(st.in.rootPID()))})
	}
	return ctx.Err()
}

// idleQuietAfter is how long after the last wake-up round the idling
// sessions' memory is read once more.
const idleQuietAfter = 40 * time.Second

// waitQuiet waits, up to max, for the CPUs to be quiet before the first
// measurement: on a machine shared with test runs the per-run wait
// (cpuload.Waiter, 10 s) is too short to outlast them.
func waitQuiet(ctx context.Context, max time.Duration) {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		busy, err := cpuload.Busy(time.Second)
		if err != nil || busy <= cpuload.QuietBusy {
			return
		}
		progress("CPUs %.0f %% busy; waiting up to %v for them to be quiet", busy*100, time.Until(deadline).Round(time.Second))
		time.Sleep(4 * time.Second)
	}
}

// workDir makes the work directory (or uses -work) and returns how to
// clean it up.
func workDir(s settings) (string, func(), error) {
	dir := s.work
	var err error
	if dir == "" {
		dir, err = os.MkdirTemp("", "corvus-peers-")
	} else {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return "", func() {}, fmt.Errorf("work directory: %w", err)
	}
	// The servers' users (cyrus, vmail, dovecot) reach their folders
	// through it.
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", func() {}, err
	}
	progress("work directory %s", dir)
	if s.keep {
		return dir, func() {}, nil
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// progress is a line on stderr, so a long run shows where it is.
func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "peers: %s %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// freeAddrs returns two free loopback addresses, IMAP's and LMTP's.
func freeAddrs(in *instance) error {
	a, err := benchmaster.FreeAddrs(2)
	if err != nil {
		return err
	}
	in.imap, in.lmtp = a[0], a[1]
	return nil
}

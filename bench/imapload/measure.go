package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/cpuload"
)

// results is everything one invocation measured.
type results struct {
	loops   []loopResult
	appends []appendResult
	busy    []float64 // CPU busy fraction before each run
	mem     memResult
	// messages is the size of the session loop's INBOX.
	messages int
}

// measure sets up the users, seeds the INBOX and runs the three cases.
func measure(ctx context.Context, s settings) (results, error) {
	r := results{messages: s.messages}
	d, err := benchmaster.NewStoreDir(s.bin, "imapload", "")
	if err != nil {
		return r, err
	}
	defer d.Remove()
	users := []string{bigUser}
	for c := range s.clients {
		users = append(users, appendUser(c))
	}
	for _, u := range users {
		if err := d.AddUser(u, benchPW); err != nil {
			return r, err
		}
	}
	listen, err := benchmaster.FreeAddr()
	if err != nil {
		return r, err
	}
	addr := listen.String()
	m, err := d.Start(cyrusConf(listen, s.prefork), benchmaster.Options{})
	if err != nil {
		return r, err
	}
	defer m.Stop()
	if err := m.WaitWorkers(s.prefork); err != nil {
		return r, err
	}
	fmt.Fprintf(os.Stderr, "imapload: seeding %d messages\n", s.messages)
	uids, err := seedMailbox(addr, s.messages)
	if err != nil {
		return r, err
	}
	for i := range s.reps {
		r.busy = append(r.busy, quiet.Wait(ctx))
		l := runLoop(ctx, addr, s.clients, s.warm, s.dur, uids, i)
		if l.firstErr != nil {
			return r, fmt.Errorf("session loop: %d failed sessions, first: %w", l.failed, l.firstErr)
		}
		fmt.Fprintf(os.Stderr, "imapload: session loop run %d: %.1f sessions/s\n", i+1, l.rate())
		r.loops = append(r.loops, l)
	}
	for i := range s.reps {
		r.busy = append(r.busy, quiet.Wait(ctx))
		a, err := runAppends(addr, s.clients, s.appends, s.msgSize, i)
		if err != nil {
			return r, fmt.Errorf("APPEND: %w", err)
		}
		fmt.Fprintf(os.Stderr, "imapload: APPEND run %d: %.0f messages/s\n", i+1, a.rate())
		r.appends = append(r.appends, a)
	}
	if ctx.Err() != nil {
		return r, ctx.Err()
	}
	m.Stop()
	return r, measureMem(d, s, &r)
}

// measureMem runs the memory case on a master of its own.
func measureMem(d *benchmaster.Dir, s settings, r *results) error {
	addr, err := benchmaster.FreeAddr()
	if err != nil {
		return err
	}
	m, err := d.Start(cyrusConf(addr, s.memFork), benchmaster.Options{})
	if err != nil {
		return err
	}
	defer m.Stop()
	if err := m.WaitWorkers(s.memFork); err != nil {
		return err
	}
	r.mem, err = measureMemory(m, addr.String())
	return err
}

func (l loopResult) rate() float64   { return float64(l.sessions) / l.elapsed.Seconds() }
func (a appendResult) rate() float64 { return float64(a.n) / a.elapsed.Seconds() }

// quiet waits for idle CPUs before each run (the machine is shared); all
// waits together take at most 30 s.
var quiet = &cpuload.Waiter{Prog: "imapload", Budget: 30 * time.Second}

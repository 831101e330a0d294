package main

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/procstat"
)

// forkAllowance is what each preforked imapd may add to master's
// start-up: on 2 CPUs a thousand take far longer than ReadyTimeout
// (about 25 ms each were seen).
const forkAllowance = 50 * time.Millisecond

// benchCase is one master with its sessions idling and an LMTP
// connection to deliver with.
type benchCase struct {
	m              *benchmaster.Master
	fleet          *fleet
	sessions       []*idler
	forked, idling time.Duration
	idleFrom       time.Time // when the first session began to log in
}

// startCase starts master with one imapd per session (and idled if
// withIdled), delivers a first message to each user if prime (their
// accounts are created then), and opens the sessions, sessions/users per
// INBOX, all idling after settle.
func startCase(ctx context.Context, d *benchmaster.Dir, s settings, imap, lmtp netip.AddrPort, sessions, users int, withIdled, prime bool) (c *benchCase, err error) {
	c = &benchCase{}
	if c.m, err = d.Start(cyrusConf(imap, lmtp, sessions, withIdled), benchmaster.Options{}); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			c.stop()
		}
	}()
	// master writes its ready file once the preforked workers are up.
	wait := benchmaster.ReadyTimeout + time.Duration(sessions)*forkAllowance
	if err := c.m.WaitReadyWithin(wait); err != nil {
		return c, err
	}
	what := fmt.Sprintf("%d imapd workers", sessions)
	if err := c.m.Poll(wait, 100*time.Millisecond, what, func() bool { return countNamed(c.m.Pid(), "imapd") >= sessions }); err != nil {
		return c, err
	}
	c.forked = time.Since(c.m.Started)
	lc, err := dialLMTP(lmtp.String())
	if err != nil {
		return c, err
	}
	if prime {
		for u := range users {
			if _, err := lc.deliver(userName(u)+"@idleload.example", fmt.Sprintf("prime.%d", u)); err != nil {
				lc.close()
				return c, fmt.Errorf("first delivery, which creates the account: %w", err)
			}
		}
	}
	c.idleFrom = time.Now()
	if c.sessions, err = connectIdlers(ctx, imap.String(), sessions, users); err != nil {
		lc.close()
		return c, err
	}
	c.idling = time.Since(c.idleFrom)
	if c.fleet, err = newFleet(lc, users, c.sessions); err != nil {
		lc.close()
		return c, err
	}
	time.Sleep(s.settle)
	return c, ctx.Err()
}

// timedRun is fleet.run with the server's CPU time and other programs'
// share of the CPUs measured over it.
func (c *benchCase) timedRun(ctx context.Context, order []int, wakeCap, gap time.Duration) (runResult, error) {
	cpu0, m0 := readServerCPU(c.m.Pid()), readMachineCPU()
	rr, err := c.fleet.run(ctx, order, wakeCap, gap)
	m1 := readMachineCPU()
	rr.cpu = readServerCPU(c.m.Pid()).since(cpu0)
	rr.foreign = foreign(m0, m1, rr.cpu.total())
	return rr, err
}

// stop closes the sessions and the LMTP connection and stops master,
// saying on stderr how long that took (a thousand workers take a while).
func (c *benchCase) stop() {
	t0 := time.Now()
	closeIdlers(c.sessions)
	if c.fleet != nil {
		c.fleet.lmtp.close()
	}
	c.m.Stop()
	fmt.Fprintf(os.Stderr, "idleload: sessions closed and master stopped in %v\n", time.Since(t0).Round(time.Millisecond))
}

// countNamed counts ppid's live children whose command name is name.
func countNamed(ppid int, name string) int {
	n := 0
	for _, p := range procstat.Children(ppid) {
		if comm, ok := procstat.Comm(p.PID); ok && comm == name {
			n++
		}
	}
	return n
}

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
// start-up: on 2 CPUs a Go worker takes about 25 ms to start.
const forkAllowance = 50 * time.Millisecond

// sizeCase is one master serving one size: its addresses, idled, the LMTP
// connection and the sessions held.
type sizeCase struct {
	m          *benchmaster.Master
	imap, lmtp netip.AddrPort
	idled      int // pid
	baseSocks  int // idled's sockets with no session held
	lc         *deliverer
	sessions   []*session
	forked     time.Duration // master start → every imap worker up
}

// startCase starts master on d and waits for the imap workers, idled's
// hibernation socket and the thaw service, then connects to lmtpd.
func startCase(d *benchmaster.Dir, s settings) (c *sizeCase, err error) {
	addrs, err := benchmaster.FreeAddrs(2)
	if err != nil {
		return nil, err
	}
	c = &sizeCase{imap: addrs[0], lmtp: addrs[1]}
	thaw := d.Path("socket/imapthaw")
	if c.m, err = d.Start(cyrusConf(c.imap, c.lmtp, thaw, s), benchmaster.Options{Args: []string{"-l", listenBacklog}}); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			c.stop()
		}
	}()
	wait := benchmaster.ReadyTimeout + time.Duration(s.maxchild)*forkAllowance
	if err := c.m.WaitReadyWithin(wait); err != nil {
		return c, err
	}
	what := fmt.Sprintf("%d imapd workers, idled's hibernation socket and the thaw service", s.maxchild)
	hib := d.Path("socket/idle.hibernate")
	err = c.m.Poll(wait, 50*time.Millisecond, what, func() bool {
		return countClass(c.m.Pid(), classImapd) >= s.maxchild && exists(hib) && exists(thaw) && idledPID(c.m.Pid()) != 0
	})
	if err != nil {
		return c, err
	}
	c.forked = time.Since(c.m.Started)
	c.idled = idledPID(c.m.Pid())
	c.baseSocks = countSockets(c.idled)
	c.lc, err = dialLMTP(c.lmtp.String())
	return c, err
}

// prime delivers one message to each user: the first delivery creates
// the account (autocreate_post), which must exist before LOGIN.
func (c *sizeCase) prime(users int) error {
	for u := range users {
		if _, err := c.lc.deliver(rcpt(u), fmt.Sprintf("prime.%d.%d", u, time.Now().UnixNano())); err != nil {
			return fmt.Errorf("first delivery, which creates the account: %w", err)
		}
	}
	return nil
}

// held is how many sessions idled holds now: its sockets beyond those it
// had with none (hand-overs in flight count while they last).
func (c *sizeCase) held() int { return countSockets(c.idled) - c.baseSocks }

// stop closes the sessions and the LMTP connection and stops master.
func (c *sizeCase) stop() {
	t0 := time.Now()
	closeSessions(c.sessions)
	if c.lc != nil {
		c.lc.close()
	}
	c.m.Stop()
	fmt.Fprintf(os.Stderr, "hibload: sessions closed and master stopped in %v\n", time.Since(t0).Round(time.Millisecond))
}

// countClass counts the live processes of class below master.
func countClass(masterPid int, class string) int {
	n := 0
	for _, p := range procstat.Descendants(masterPid) {
		if c, ok := classOf(p.PID); ok && c == class {
			n++
		}
	}
	return n
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// rcpt is user u's address.
func rcpt(u int) string { return userName(u) + "@" + mailDomain }

// waitUntil polls cond every step until it holds, ctx ends or d passes.
func waitUntil(ctx context.Context, d, step time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for !cond() {
		if ctx.Err() != nil || time.Now().After(deadline) {
			return false
		}
		time.Sleep(step)
	}
	return true
}

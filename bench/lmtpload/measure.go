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
	cases []benchCase
	runs  [][]runResult // per case, one per repetition
	busy  []float64     // CPU busy fraction before each run
	// replied is every 250 reply after DATA, warm-ups included; stored is
	// what IMAP STATUS found in the users' INBOXes afterwards.
	replied, stored int
}

// quiet waits for idle CPUs before each run (the machine is shared); all
// waits together take at most 15 s, to keep make bench short.
var quiet = &cpuload.Waiter{Prog: "lmtpload", Budget: 15 * time.Second}

// cases are the table's rows: TCP with one recipient is the issue's
// figure; three recipients show the single-instance store; the unix
// socket is how a local MTA delivers.
func cases(unix bool) []benchCase {
	cs := []benchCase{
		{name: "TCP, 1 recipient", network: "tcp", rcpts: 1},
		{name: "TCP, 3 recipients", network: "tcp", rcpts: 3},
	}
	if unix {
		cs = append(cs, benchCase{name: "unix socket, 1 recipient", network: "unix", rcpts: 1})
	}
	return cs
}

// measure starts master, runs every case reps times (repetitions outer,
// so slow drift such as growing mailboxes falls on every case alike) and
// checks the store against the replies.
func measure(ctx context.Context, s settings) (results, error) {
	r := results{cases: cases(s.unix)}
	r.runs = make([][]runResult, len(r.cases))
	bodies := pool(poolSize)
	d, err := benchmaster.NewStoreDir(s.bin, "lmtpload", imapdExtra)
	if err != nil {
		return r, err
	}
	defer d.Remove()
	for i := range users {
		if err := d.AddUser(userName(i), userPW); err != nil {
			return r, err
		}
	}
	listen, err := benchmaster.FreeAddrs(2)
	if err != nil {
		return r, err
	}
	addrs := []string{listen[0].String(), listen[1].String()}
	sock := d.Path("socket/lmtp")
	m, err := d.Start(cyrusConf(addrs[0], sock, addrs[1], s.prefork), benchmaster.Options{})
	if err != nil {
		return r, err
	}
	defer m.Stop()
	if err := m.WaitReady(); err != nil {
		return r, err
	}
	if err := prime(addrs[0], bodies[0]); err != nil {
		return r, err
	}
	r.replied = users
	where := map[string]string{"tcp": addrs[0], "unix": sock}
	for rep := range s.reps {
		for ci, bc := range r.cases {
			if ctx.Err() != nil {
				return r, ctx.Err()
			}
			r.busy = append(r.busy, quiet.Wait(ctx))
			rr, err := runCase(ctx, bc.network, where[bc.network], bc, s.clients, s.warm, s.dur, bodies, fmt.Sprintf("c%dr%d", ci, rep))
			r.replied += rr.stored
			if err != nil {
				return r, fmt.Errorf("%s, run %d: %w", bc.name, rep+1, err)
			}
			fmt.Fprintf(os.Stderr, "lmtpload: %s, run %d: %.0f messages/s, %d failed\n", bc.name, rep+1, rr.rate(), rr.failed)
			if rr.refusal != "" {
				fmt.Fprintf(os.Stderr, "lmtpload: first refusal: %s\n", rr.refusal)
			}
			r.runs[ci] = append(r.runs[ci], rr)
		}
	}
	if r.stored, err = storedMessages(addrs[1]); err != nil {
		return r, err
	}
	if r.stored != r.replied {
		return r, fmt.Errorf("store check failed: the INBOXes hold %d messages but lmtpd answered 250 to %d deliveries", r.stored, r.replied)
	}
	return r, ctx.Err()
}

// prime delivers one message to each user before any timing, so that
// autocreate_post creates their accounts outside the measured runs (and a
// broken set-up fails early and plainly).
func prime(addr string, body []byte) error {
	s, err := dialLMTP("tcp", addr)
	if err != nil {
		return err
	}
	defer s.close()
	for k := range users {
		o, err := s.send(fmt.Sprintf("prime.%d", k), body, recipients(k, 1))
		if err != nil {
			return fmt.Errorf("first delivery to %s: %w", userName(k), err)
		}
		if o.delivered != 1 {
			return fmt.Errorf("first delivery to %s refused: %s", userName(k), o.refusal)
		}
	}
	s.cmd("QUIT")
	return nil
}

// imapdExtra is added to the store's imapd.conf (benchmaster.NewStoreDir):
// recipients are created on first delivery. Everything else, fsync and
// duplicate suppression included, stays at its default.
const imapdExtra = "autocreate_post: yes\n"

// cyrusConf is the SERVICES section: lmtpd on TCP with -a and on a unix
// socket, as Debian's cyrus.conf has them, and imapd for the check.
func cyrusConf(tcp, sock, imap string, prefork int) string {
	return fmt.Sprintf(`SERVICES {
  lmtp cmd="lmtpd -a" listen="%s" prefork=%d maxchild=40
  lmtpunix cmd="lmtpd" listen="%s" prefork=%d maxchild=40
  imap cmd="imapd" listen="%s" prefork=1 maxchild=4
}
`, tcp, prefork, sock, prefork, imap)
}

package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// sessionCase is a mail client's session loop on the seeded INBOX,
// clients at once, each session a new connection.
type sessionCase struct {
	clients   int
	warm, dur time.Duration
	plan      userPlan
	uids      map[string][]uint32 // per instance name: the seeded INBOX
}

// session is one pass: connect, LOGIN, SELECT, list the mailbox, read
// three messages, flag one, look for unread mail, LOGOUT.
func session(addr, user string, rng *rand.Rand, uids []uint32) error {
	ic, err := dialIMAP(addr)
	if err != nil {
		return err
	}
	defer ic.close()
	if err := ic.login(user, password); err != nil {
		return err
	}
	if _, err := ic.do("SELECT INBOX"); err != nil {
		return err
	}
	r, err := ic.do("FETCH 1:* (FLAGS ENVELOPE RFC822.SIZE)")
	if err != nil {
		return err
	}
	if got := countFetch(r.untagged); got < len(uids) {
		return fmt.Errorf("FETCH 1:* returned %d messages, want %d", got, len(uids))
	}
	for range 3 {
		uid := uids[rng.IntN(len(uids))]
		r, err := ic.do(fmt.Sprintf("UID FETCH %d BODY.PEEK[]", uid))
		if err != nil {
			return err
		}
		if r.literalBytes == 0 {
			return fmt.Errorf("UID FETCH %d BODY.PEEK[] returned no literal", uid)
		}
	}
	if _, err := ic.do(fmt.Sprintf("STORE %d +FLAGS (\\Seen)", 1+rng.IntN(len(uids)))); err != nil {
		return err
	}
	if _, err := ic.do("SEARCH UNSEEN"); err != nil {
		return err
	}
	_, err = ic.do("LOGOUT")
	return err
}

// run measures one instance once: sessions/s is the sessions that ended
// inside the measured window ÷ its length; their times run from connect
// to LOGOUT's tagged OK.
func (sc sessionCase) run(ctx context.Context, in *instance, run int) (figures, error) {
	uids := sc.uids[in.name]
	if len(uids) == 0 {
		return nil, fmt.Errorf("%s: the session loop's INBOX was not seeded", in.name)
	}
	start := time.Now()
	from, to := start.Add(sc.warm), start.Add(sc.warm+sc.dur)
	var mu sync.Mutex
	var times []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	for c := range sc.clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(seed, uint64(run*1000+c)))
			for ctx.Err() == nil && time.Now().Before(to) {
				t0 := time.Now()
				err := session(in.imap.String(), sc.plan.sessionUser(), rng, uids)
				t1 := time.Now()
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if err == nil && !t1.Before(from) && !t1.After(to) {
					times = append(times, t1.Sub(t0))
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, fmt.Errorf("session loop: %w", firstErr)
	}
	s := benchstats.Summarize(times)
	return figures{
		"session.rate": float64(s.N) / sc.dur.Seconds(),
		"session.p50":  benchstats.MS(s.P50),
		"session.p99":  benchstats.MS(s.P99),
	}, ctx.Err()
}

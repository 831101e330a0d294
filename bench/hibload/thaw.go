package main

import (
	"fmt"
	"sync"
	"time"
)

// thawWait bounds DONE → tagged OK: idled retries a failed thaw after
// 1, 2, 4 and 8 s, and a thaw itself may wait 10 s for a worker.
const thawWait = 30 * time.Second

// thawRun is one series of thaws.
type thawRun struct {
	waits  []time.Duration // DONE written → "i OK IDLE terminated" read
	failed int             // no OK within thawWait (or not OK)
	noopOK int             // sessions whose NOOP after the thaw got OK
}

// thawResult is one session's thaw.
type thawResult struct {
	wait   time.Duration
	ok     bool
	noopOK bool
}

// thawOne ends s's IDLE with DONE, which idled sees as input and so
// thaws the session into an imapd -R worker, which answers the DONE;
// then it checks that the resumed session serves NOOP, and logs out so
// the worker is free for the next.
func thawOne(s *session) thawResult {
	var r thawResult
	t0 := time.Now()
	if s.write("DONE") != nil {
		return r
	}
	e, ok := awaitTagged(s.events, idleTag, t0.Add(thawWait))
	if !ok || e.status != "OK" {
		return r
	}
	r.wait, r.ok = e.at.Sub(t0), true
	if s.write("n NOOP") == nil {
		e, ok := awaitTagged(s.events, "n", time.Now().Add(thawWait))
		r.noopOK = ok && e.status == "OK"
	}
	logout(s)
	return r
}

// logout sends LOGOUT and waits (bounded) for the server to close, so
// that the imapd -R worker is back at accept before the next thaw.
func logout(s *session) {
	if s.write("z LOGOUT") == nil {
		deadline := time.After(5 * time.Second)
	drain:
		for {
			select {
			case _, ok := <-s.events:
				if !ok {
					break drain
				}
			case <-deadline:
				break drain
			}
		}
	}
	s.close()
}

// thawSequential thaws ss one after another.
func thawSequential(ss []*session) thawRun {
	var r thawRun
	for _, s := range ss {
		r.add(thawOne(s))
	}
	return r
}

// thawBurst sends DONE on every session of ss at once: master forks an
// imapd -R worker for each (within the service's maxchild).
func thawBurst(ss []*session) thawRun {
	res := make([]thawResult, len(ss))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, s := range ss {
		wg.Go(func() {
			<-start
			res[i] = thawOne(s)
		})
	}
	close(start)
	wg.Wait()
	var r thawRun
	for _, x := range res {
		r.add(x)
	}
	return r
}

func (r *thawRun) add(x thawResult) {
	if !x.ok {
		r.failed++
		return
	}
	r.waits = append(r.waits, x.wait)
	if x.noopOK {
		r.noopOK++
	}
}

// takeSample removes k sessions from the end of *ss and returns them:
// sessions were opened round-robin over the users, so k consecutive ones
// belong to min(k, users) different users.
func takeSample(ss *[]*session, k int) []*session {
	k = min(k, len(*ss))
	out := (*ss)[len(*ss)-k:]
	*ss = (*ss)[:len(*ss)-k]
	return out
}

// thawCounts clamps the per-run thaw samples so that reps runs thaw at
// most n sessions.
func thawCounts(n, reps, seq, burst int) (int, int, error) {
	if reps*(seq+burst) <= n {
		return seq, burst, nil
	}
	per := n / reps
	if per < 2 {
		return 0, 0, fmt.Errorf("%d connections are too few to thaw in %d runs", n, reps)
	}
	s := per * seq / max(seq+burst, 1)
	return s, per - s, nil
}

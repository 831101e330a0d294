package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// bigUser owns the 1 000-message INBOX of the session loop.
const (
	bigUser = "bench"
	benchPW = "imapload-pw"
)

// session is one pass of the loop a mail client does when it opens a
// mailbox: list it, read a few messages, flag one, look for unread mail.
func session(addr string, rng *rand.Rand, uids []uint32) error {
	ic, err := dial(addr)
	if err != nil {
		return err
	}
	defer ic.close()
	if err := ic.login(bigUser, benchPW); err != nil {
		return err
	}
	if _, err := ic.do("SELECT INBOX"); err != nil {
		return err
	}
	r, err := ic.do("FETCH 1:* (FLAGS ENVELOPE RFC822.SIZE)")
	if err != nil {
		return err
	}
	// Other sessions' STOREs may add unsolicited FETCH (FLAGS …) lines.
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

// loopResult is one run of the session loop.
type loopResult struct {
	sessions int
	failed   int
	firstErr error
	elapsed  time.Duration
	times    []time.Duration
}

// runLoop runs clients session loops for warm+dur and keeps the sessions
// that ended inside the measured window (after the warm-up): throughput is
// completions per second of window, so sessions longer than the window's
// edges are neither lost nor counted twice.
func runLoop(ctx context.Context, addr string, clients int, warm, dur time.Duration, uids []uint32, run int) loopResult {
	start := time.Now()
	from, to := start.Add(warm), start.Add(warm+dur)
	var mu sync.Mutex
	var res loopResult
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(run*1000+c)))
			for ctx.Err() == nil {
				t0 := time.Now()
				if t0.After(to) {
					return
				}
				err := session(addr, rng, uids)
				t1 := time.Now()
				mu.Lock()
				switch {
				case err != nil:
					res.failed++
					if res.firstErr == nil {
						res.firstErr = err
					}
				case !t1.Before(from) && !t1.After(to):
					res.sessions++
					res.times = append(res.times, t1.Sub(t0))
				}
				mu.Unlock()
				if err != nil {
					time.Sleep(10 * time.Millisecond)
				}
			}
		}()
	}
	wg.Wait()
	res.elapsed = dur
	return res
}

// appendResult is one run of the APPEND case.
type appendResult struct {
	n       int
	elapsed time.Duration
	times   []time.Duration
}

// runAppends has each client log in as its own user and APPEND perClient
// messages of msgSize bytes to its INBOX, one after another.
func runAppends(addr string, clients, perClient, msgSize, run int) (appendResult, error) {
	var mu sync.Mutex
	var res appendResult
	errs := make(chan error, clients)
	ready := make(chan *conn, clients)
	for c := range clients {
		go func() {
			ic, err := dial(addr)
			if err == nil {
				err = ic.login(appendUser(c), benchPW)
			}
			if err != nil {
				errs <- err
				return
			}
			ready <- ic
		}()
	}
	conns := make([]*conn, 0, clients)
	for range clients {
		select {
		case ic := <-ready:
			conns = append(conns, ic)
		case err := <-errs:
			for _, ic := range conns {
				ic.close()
			}
			return res, err
		}
	}
	var wg sync.WaitGroup
	start := time.Now()
	for c, ic := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer ic.close()
			rng := rand.New(rand.NewPCG(seed, uint64(10000+run*100+c)))
			for i := range perClient {
				msg := fit(message(rng, i, msgSize), msgSize)
				t0 := time.Now()
				if err := ic.appendMsg("INBOX", msg); err != nil {
					errs <- err
					return
				}
				d := time.Since(t0)
				mu.Lock()
				res.n++
				res.times = append(res.times, d)
				mu.Unlock()
			}
			ic.do("LOGOUT")
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	select {
	case err := <-errs:
		return res, err
	default:
	}
	return res, nil
}

func appendUser(c int) string { return fmt.Sprintf("append%d", c) }

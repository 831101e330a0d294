package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
)

// seedConns is how many connections seed a mailbox at once.
const seedConns = 4

// seedMessage is the i-th message of the session loop's INBOX: 2–20 KB,
// the same bytes on every server whatever order they are APPENDed in.
func seedMessage(i int) []byte {
	rng := rand.New(rand.NewPCG(seed, uint64(1_000_000+i)))
	size := sizeBetween(rng, 2<<10, 20<<10)
	return withID(message(rng, i, size), fmt.Sprintf("seed.%d", i))
}

// seedMailbox APPENDs n messages to user's INBOX over seedConns
// connections and returns the UIDs it then holds.
func seedMailbox(ctx context.Context, in *instance, user string, n int) ([]uint32, error) {
	var wg sync.WaitGroup
	errs := make(chan error, seedConns)
	for c := range seedConns {
		wg.Go(func() {
			ic, err := dialIMAP(in.imap.String())
			if err == nil {
				defer ic.close()
				err = ic.login(user, password)
			}
			for i := c; err == nil && i < n && ctx.Err() == nil; i += seedConns {
				if err = ic.appendMsg("INBOX", seedMessage(i)); err != nil {
					err = fmt.Errorf("seed message %d: %w", i, err)
				}
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	select {
	case err := <-errs:
		return nil, fmt.Errorf("%s: %w", in.name, err)
	default:
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return mailboxUIDs(in, user)
}

// mailboxUIDs lists the UIDs in user's INBOX.
func mailboxUIDs(in *instance, user string) ([]uint32, error) {
	ic, err := dialIMAP(in.imap.String())
	if err != nil {
		return nil, err
	}
	defer ic.close()
	if err := ic.login(user, password); err != nil {
		return nil, err
	}
	if _, err := ic.do("SELECT INBOX"); err != nil {
		return nil, err
	}
	r, err := ic.do("UID SEARCH ALL")
	if err != nil {
		return nil, err
	}
	ic.do("LOGOUT")
	return searchNumbers(r.untagged)
}

package main

import (
	"fmt"
	"math/rand/v2"
)

// seedMailbox APPENDs n messages of 2–20 KB (fixed seed) to bigUser's
// INBOX and returns their UIDs.
func seedMailbox(addr string, n int) ([]uint32, error) {
	ic, err := dial(addr)
	if err != nil {
		return nil, err
	}
	defer ic.close()
	if err := ic.login(bigUser, benchPW); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range n {
		size := 2048 + rng.IntN(18*1024+1)
		if err := ic.appendMsg("INBOX", fit(message(rng, i, size), size)); err != nil {
			return nil, fmt.Errorf("seed message %d: %w", i, err)
		}
	}
	if _, err := ic.do("SELECT INBOX"); err != nil {
		return nil, err
	}
	r, err := ic.do("UID SEARCH ALL")
	if err != nil {
		return nil, err
	}
	uids, err := searchNumbers(r.untagged)
	if err != nil {
		return nil, err
	}
	if len(uids) != n {
		return nil, fmt.Errorf("seeded INBOX holds %d messages, want %d", len(uids), n)
	}
	ic.do("LOGOUT")
	return uids, nil
}

package service

import (
	"os"
	"runtime"
)

// workerProcs is the GOMAXPROCS a worker runs with when the environment
// does not set one: one processor for Go code.
//
// A worker serves one client at a time, as a Cyrus worker does, and
// master runs a worker per client, so the parallelism is between
// processes. With more processors than goroutines to run, each wake-up
// from the network also wakes a spare thread that finds nothing to do;
// with a few dozen busy workers on two CPUs those wake-ups and their
// context switches cost more than the commands. On the peers benchmark
// one processor took the session loop from 44.6 to 69.7 sessions/s,
// APPEND from 445 to 677/s and LMTP from 368 to 448 messages/s
// (bench/RESULTS.md).
const workerProcs = 1

// procsFor returns the GOMAXPROCS to set given the environment's lookup,
// or 0 to leave the runtime's choice: an administrator's GOMAXPROCS, even
// an empty one, is the runtime's to read.
func procsFor(lookup func(string) (string, bool)) int {
	if _, set := lookup("GOMAXPROCS"); set {
		return 0
	}
	return workerProcs
}

// limitProcs applies procsFor to this process's environment.
func limitProcs() {
	if n := procsFor(os.LookupEnv); n > 0 {
		runtime.GOMAXPROCS(n)
	}
}

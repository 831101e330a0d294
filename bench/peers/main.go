// Command peers benchmarks Corvus side by side with Debian's Cyrus IMAP
// 3.6 and Dovecot 2.3 (issue 9): LMTP delivery with fsync, an IMAP
// session loop, APPEND, memory per IDLE connection, IDLE wake-up latency
// and accept latency under a connection storm. Each server runs on its
// own 127.0.0.1 ports with its own generated configuration and data
// folder under one work directory, all with the same users; every
// measurement runs on each server in turn (Corvus, Cyrus, Dovecot,
// Corvus, …), repeated, and the medians are compared.
//
// Its clients speak raw IMAP and LMTP (commands written as text, replies
// read line by line), so no client library sits in the timed path.
// bench/peers/setup.sh installs the peers; bench/peers/README.md tells
// how to run it and what each number means.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/corvusmail/corvus/bench/pgroup"
	"github.com/corvusmail/corvus/bench/resultsmd"
)

func main() { os.Exit(run()) }

func run() int {
	s, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "peers: %v\n", err)
		return 64
	}
	ctx, end := pgroup.Interruptible()
	defer end()
	if s.serve != "" {
		if err := serve(ctx, s); err != nil {
			fmt.Fprintf(os.Stderr, "peers: %v\n", err)
			return 1
		}
		return 0
	}
	began := time.Now()
	res, env, err := measure(ctx, s)
	code := 0
	if err != nil {
		fmt.Fprintf(os.Stderr, "peers: %v\n", err)
		code = 1
		if res == nil || len(res.runs) == 0 {
			return code
		}
		// What was measured before the failure is still worth seeing;
		// the section says the run is incomplete and why.
		env.failure = err.Error()
	}
	m := resultsmd.DescribeMachine()
	if s.runsOtherThan("search") {
		section := renderSection(s, env, res, m, began, time.Since(began))
		if err := resultsmd.Publish(os.Stdout, os.Stderr, "peers", s.out, sectionHeading, section); err != nil {
			fmt.Fprintf(os.Stderr, "peers: %v\n", err)
			return 1
		}
	}
	if s.runs("search") {
		section := renderSearchSection(s, env, res, m, began, time.Since(began))
		if err := resultsmd.Publish(os.Stdout, os.Stderr, "peers", s.out, searchHeading, section); err != nil {
			fmt.Fprintf(os.Stderr, "peers: %v\n", err)
			return 1
		}
	}
	return code
}

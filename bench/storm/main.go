// Command storm benchmarks master's prefork path with the real binaries:
// how long a client waits from connect() to a worker's greeting when many
// connect at once (a connection storm), and how fast master forks workers,
// with and without maxforkrate. `make bench` runs it and writes its section
// of bench/RESULTS.md.
//
// Each case starts a fresh bin/master with a generated cyrus.conf serving
// tests/echoworker on a free 127.0.0.1 port, runs a discarded warm-up round
// and then a fixed number of rounds, and is repeated; tables show medians
// over the repetitions. Clients use raw non-blocking sockets and poll(2),
// so no client library sits in the timed path.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/pgroup"
	"github.com/corvusmail/corvus/bench/resultsmd"
)

// settings are storm's flags.
type settings struct {
	bin, out      string
	reps, rounds  int
	skipForkRate  bool
	skipStorm     bool
	forkWorkers   int
	commandForDoc string
	attach        string
	clients       int
}

func main() { os.Exit(run()) }

func run() int {
	var s settings
	flag.StringVar(&s.bin, "bin", "bin", "directory holding master and echoworker (make build)")
	flag.StringVar(&s.out, "out", "", "write the results section into this markdown file")
	flag.IntVar(&s.reps, "reps", 3, "repetitions of every case (medians are reported)")
	flag.IntVar(&s.rounds, "rounds", 20, "measured storm rounds per repetition, after one warm-up round")
	flag.IntVar(&s.forkWorkers, "forkworkers", 100, "prefork of the fork-rate cases")
	flag.BoolVar(&s.skipStorm, "nostorm", false, "skip the connection storm")
	flag.BoolVar(&s.skipForkRate, "noforkrate", false, "skip the fork-rate cases")
	flag.StringVar(&s.commandForDoc, "command", "make bench", "the command named in the results section")
	flag.StringVar(&s.attach, "attach", "", "only storm this already running `addr` (to profile a master by hand)")
	flag.IntVar(&s.clients, "clients", 32, "clients per round with -attach")
	ref := flag.String(refServeFlag, "", "(internal) run as the reference server on `addr`")
	flag.Parse()
	if *ref != "" {
		return serveRef(*ref)
	}
	if s.reps < 1 || s.rounds < 1 || s.forkWorkers < 2 {
		fmt.Fprintln(os.Stderr, "storm: -reps and -rounds must be at least 1, -forkworkers at least 2")
		return 64
	}
	if s.attach != "" {
		return attach(s)
	}
	bin, err := benchmaster.FindBin(s.bin, "master", "echoworker")
	if err != nil {
		fmt.Fprintf(os.Stderr, "storm: %v\n", err)
		return 1
	}
	s.bin = bin

	ctx, end := pgroup.Interruptible()
	defer end()

	began := time.Now()
	res, err := measure(ctx, s)
	if err != nil {
		fmt.Fprintf(os.Stderr, "storm: %v\n", err)
		return 1
	}
	if msg := clientErrorReport(); msg != "" {
		fmt.Fprintf(os.Stderr, "storm: client errors:\n%s", msg)
	}
	section := res.section(s, resultsmd.DescribeMachine(), began, time.Since(began))
	if err := resultsmd.Publish(os.Stdout, os.Stderr, "storm", s.out, sectionHeading, section); err != nil {
		fmt.Fprintf(os.Stderr, "storm: %v\n", err)
		return 1
	}
	return 0
}

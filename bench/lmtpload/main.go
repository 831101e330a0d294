// Command lmtpload benchmarks lmtpd's delivery throughput through the
// real master: 8 concurrent LMTP sessions deliver messages of 2–100 KB
// (fixed seed) with the store's fsyncs on, and it reports messages per
// second and the p50/p99 wait for the replies after DATA. `make bench`
// runs it and it writes its own section of bench/RESULTS.md.
//
// Like bench/imapload it starts bin/master on a temporary
// configdirectory owned by the cyrus user, waits for quiet CPUs before
// every run and stops everything it started. Its client writes LMTP
// commands as text and reads the replies itself, so no client library
// sits in the timed path. After the runs it counts the stored messages
// over IMAP and fails if they differ from the 250 replies it got.
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

// settings are lmtpload's flags.
type settings struct {
	bin, out, command string
	args              []string // the command line, for the results
	reps, clients     int
	prefork           int
	warm, dur         time.Duration
	unix              bool
}

func main() { os.Exit(run()) }

func run() int {
	var s settings
	flag.StringVar(&s.bin, "bin", "bin", "directory holding master, lmtpd, imapd and corvus_passwd (make build)")
	flag.StringVar(&s.out, "out", "", "write the results section into this markdown file")
	flag.StringVar(&s.command, "command", "make bench", "the command named in the results section")
	flag.IntVar(&s.reps, "reps", 3, "runs of each case (medians are reported)")
	flag.IntVar(&s.clients, "clients", 8, "concurrent LMTP sessions")
	flag.IntVar(&s.prefork, "prefork", 8, "prefork of the lmtp and lmtpunix services")
	flag.DurationVar(&s.warm, "warmup", time.Second, "warm-up per run (discarded)")
	flag.DurationVar(&s.dur, "duration", 5*time.Second, "measured time per run")
	flag.BoolVar(&s.unix, "unix", true, "also measure delivery over the lmtpunix socket")
	flag.Parse()
	if s.reps < 1 || s.clients < 1 || s.prefork < 0 || s.warm < 0 || s.dur <= 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "lmtpload: flags out of range")
		return 64
	}
	bin, err := benchmaster.FindBin(s.bin, "master", "lmtpd", "imapd", "corvus_passwd")
	if err != nil {
		fmt.Fprintf(os.Stderr, "lmtpload: %v\n", err)
		return 1
	}
	s.bin, s.args = bin, os.Args[1:]
	ctx, end := pgroup.Interruptible()
	defer end()

	began := time.Now()
	res, err := measure(ctx, s)
	if err != nil {
		fmt.Fprintf(os.Stderr, "lmtpload: %v\n", err)
		return 1
	}
	section := res.section(s, resultsmd.DescribeMachine(), began, time.Since(began))
	if err := resultsmd.Publish(os.Stdout, os.Stderr, "lmtpload", s.out, sectionHeading, section); err != nil {
		fmt.Fprintf(os.Stderr, "lmtpload: %v\n", err)
		return 1
	}
	return 0
}

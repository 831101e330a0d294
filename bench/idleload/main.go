// Command idleload benchmarks how fast idled wakes IDLE sessions: many
// clients idle on their INBOXes through the real master (one imapd per
// session, as Cyrus pins a worker per IDLE), messages are delivered over
// LMTP one at a time, and it reports the time from lmtpd's 250 after DATA
// to each of the user's sessions reading its "* n EXISTS". imapidlepoll
// is 60 s, so only idled can wake a session fast; a second case runs
// without idled to show the poll fallback. It also records the memory
// (PSS) of idled and of the pinned imapd workers. `make bench` runs it
// and it writes its own section of bench/RESULTS.md.
//
// Like the other bench programs it starts bin/master on a temporary
// configdirectory, waits for quiet CPUs before every run and stops
// everything it started.
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

// settings are idleload's flags.
type settings struct {
	bin, out, command string
	args              []string // the command line, for the results
	reps, clients     int
	users, deliveries int
	pollDeliveries    int
	wakeCap, pollWait time.Duration
	gap, settle       time.Duration
}

func main() { os.Exit(run()) }

func run() int {
	var s settings
	flag.StringVar(&s.bin, "bin", "bin", "directory holding master, imapd, lmtpd, idled and corvus_passwd (make build)")
	flag.StringVar(&s.out, "out", "", "write the results section into this markdown file")
	flag.StringVar(&s.command, "command", "make bench", "the command named in the results section")
	flag.IntVar(&s.reps, "reps", 3, "measured runs (medians are reported)")
	flag.IntVar(&s.clients, "clients", 200, "idling IMAP sessions, one imapd each")
	flag.IntVar(&s.users, "users", 50, "users the sessions are spread over (several sessions per INBOX)")
	flag.IntVar(&s.deliveries, "deliveries", 200, "deliveries per run, one at a time, round-robin over the users")
	flag.DurationVar(&s.wakeCap, "wait", 5*time.Second, "how long a session may take to see a delivery before it counts as missed")
	flag.DurationVar(&s.gap, "gap", 10*time.Millisecond, "pause after each delivery's wake-ups")
	flag.DurationVar(&s.settle, "settle", time.Second, "pause after the last session starts idling, for the watches to reach idled")
	flag.IntVar(&s.pollDeliveries, "poll-deliveries", 4, "deliveries without idled, each to another user (0 skips that case)")
	flag.DurationVar(&s.pollWait, "poll-wait", 3*time.Second, "how long to wait for each delivery without idled")
	flag.Parse()
	if s.reps < 1 || s.clients < 1 || s.users < 1 || s.deliveries < 1 || s.pollDeliveries < 0 ||
		s.wakeCap <= 0 || s.pollWait <= 0 || s.gap < 0 || s.settle < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "idleload: flags out of range")
		return 64
	}
	s.users = min(s.users, s.clients) // a user without sessions would only be delivered to
	bin, err := benchmaster.FindBin(s.bin, "master", "imapd", "lmtpd", "idled", "corvus_passwd")
	if err != nil {
		fmt.Fprintf(os.Stderr, "idleload: %v\n", err)
		return 1
	}
	s.bin, s.args = bin, os.Args[1:]
	ctx, end := pgroup.Interruptible()
	defer end()

	began := time.Now()
	res, err := measure(ctx, s)
	if err != nil {
		fmt.Fprintf(os.Stderr, "idleload: %v\n", err)
		return 1
	}
	section := res.section(s, resultsmd.DescribeMachine(), began, time.Since(began))
	if err := resultsmd.Publish(os.Stdout, os.Stderr, "idleload", s.out, sectionHeading, section); err != nil {
		fmt.Fprintf(os.Stderr, "idleload: %v\n", err)
		return 1
	}
	return 0
}

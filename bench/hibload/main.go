// Command hibload benchmarks IDLE hibernation: many IMAP sessions idle
// through the real master, each handed by its imapd to idled after
// imap_hibernate_timeout, so that a few imapd workers serve thousands of
// idling clients. It reports what a hibernated connection costs in
// memory (PSS of every server process before and with the sessions
// held), how fast idled itself answers a delivery with "* n EXISTS"
// (from lmtpd's 250 to each session reading it, checking that nothing
// thawed), and how fast DONE thaws a session into the imapd -R service.
// It writes its own section of bench/RESULTS.md.
//
// Like the other bench programs it starts bin/master on a temporary
// configdirectory, waits for quiet CPUs before every timed run and stops
// everything it started.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/pgroup"
	"github.com/corvusmail/corvus/bench/resultsmd"
)

// settings are hibload's flags.
type settings struct {
	bin, out, command  string
	args               []string // the command line, for the results
	sizes              []int    // -conns
	users, reps        int
	maxchild, wave     int
	deliveries         int
	thawSeq, thawBurst int
	hibernate          int // imap_hibernate_timeout, seconds
	wakeCap, gap       time.Duration
	settle             time.Duration
	linger             time.Duration // keep the server up for inspection
}

func main() { os.Exit(run()) }

func run() int {
	s, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "hibload: %v\n", err)
		return 64
	}
	bin, err := benchmaster.FindBin(s.bin, "master", "imapd", "lmtpd", "idled", "corvus_passwd")
	if err != nil {
		fmt.Fprintf(os.Stderr, "hibload: %v\n", err)
		return 1
	}
	s.bin = bin
	if err := raiseFileLimit(s.sizes); err != nil {
		fmt.Fprintf(os.Stderr, "hibload: %v\n", err)
		return 1
	}
	ctx, end := pgroup.Interruptible()
	defer end()

	began := time.Now()
	res, err := measure(ctx, s)
	if err != nil {
		fmt.Fprintf(os.Stderr, "hibload: %v\n", err)
		return 1
	}
	section := res.section(s, resultsmd.DescribeMachine(), began, time.Since(began))
	if err := resultsmd.Publish(os.Stdout, os.Stderr, "hibload", s.out, sectionHeading, section); err != nil {
		fmt.Fprintf(os.Stderr, "hibload: %v\n", err)
		return 1
	}
	return 0
}

// parseFlags reads the command line; -quick sets a short run's defaults,
// which flags given explicitly still override.
func parseFlags(args []string) (settings, error) {
	s := settings{args: args}
	fs := flag.NewFlagSet("hibload", flag.ContinueOnError)
	conns := fs.String("conns", "1000,10000", "hibernated connections, comma-separated sizes, each on a fresh master")
	quick := fs.Bool("quick", false, "a short run: 200 connections over 20 users, 1 repetition")
	fs.StringVar(&s.bin, "bin", "bin", "directory holding master, imapd, lmtpd, idled and corvus_passwd (make build)")
	fs.StringVar(&s.out, "out", "", "write the results section into this markdown file")
	fs.StringVar(&s.command, "command", "make bench", "the command named in the results section")
	fs.IntVar(&s.users, "users", 100, "users the connections are spread over (several sessions per INBOX)")
	fs.IntVar(&s.reps, "reps", 3, "timed repetitions of the delivery and thaw runs (medians are reported)")
	fs.IntVar(&s.maxchild, "maxchild", 150, "imapd workers of the imap service (all preforked, -U 0): the sessions' way in")
	fs.IntVar(&s.wave, "wave", 0, "sessions opened at once, waiting for idled to hold them before the next wave (0: maxchild)")
	fs.IntVar(&s.deliveries, "deliveries", 100, "deliveries per timed run, one at a time, round-robin over the users")
	fs.IntVar(&s.thawSeq, "thaw", 100, "sessions thawed one at a time per run (DONE, NOOP, LOGOUT)")
	fs.IntVar(&s.thawBurst, "thaw-burst", 100, "sessions sent DONE all at once per run")
	fs.IntVar(&s.hibernate, "hibernate", 1, "imap_hibernate_timeout in seconds")
	fs.DurationVar(&s.wakeCap, "wait", 5*time.Second, "how long a session may take to see a delivery before it counts as missed")
	fs.DurationVar(&s.gap, "gap", 10*time.Millisecond, "pause after each delivery's wake-ups")
	fs.DurationVar(&s.settle, "settle", 3*time.Second, "pause before each memory reading")
	fs.DurationVar(&s.linger, "linger", 0, "once every session of a size is hibernated, print master's pid and wait this long (to inspect the processes) before the deliveries")
	if err := fs.Parse(args); err != nil {
		return s, err
	}
	if *quick {
		setQuick(fs, conns, &s)
	}
	var err error
	if s.sizes, err = parseSizes(*conns); err != nil {
		return s, err
	}
	if s.wave == 0 {
		s.wave = s.maxchild
	}
	if s.users < 1 || s.reps < 1 || s.maxchild < 1 || s.wave < 1 || s.wave > s.maxchild || s.deliveries < 1 ||
		s.thawSeq < 0 || s.thawBurst < 0 || s.hibernate < 1 || s.wakeCap <= 0 || s.gap < 0 || s.settle < 0 || s.linger < 0 || fs.NArg() > 0 {
		return s, fmt.Errorf("flags out of range (-wave at most -maxchild)")
	}
	return s, nil
}

// setQuick applies -quick's defaults to the flags not given.
func setQuick(fs *flag.FlagSet, conns *string, s *settings) {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	set := func(name string, apply func()) {
		if !given[name] {
			apply()
		}
	}
	set("conns", func() { *conns = "200" })
	set("users", func() { s.users = 20 })
	set("reps", func() { s.reps = 1 })
	set("maxchild", func() { s.maxchild = 50 })
	set("deliveries", func() { s.deliveries = 40 })
	set("thaw", func() { s.thawSeq = 20 })
	set("thaw-burst", func() { s.thawBurst = 20 })
	set("settle", func() { s.settle = time.Second })
}

// commandLine is how this run was started, for the results.
func (s settings) commandLine() string {
	return strings.Join(append([]string{"go run ./bench/hibload"}, s.args...), " ")
}

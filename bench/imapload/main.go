// Command imapload benchmarks imapd through the real master with raw IMAP
// over TCP: a mail client's session loop on a 1 000-message INBOX, APPEND
// throughput, and the memory an idle imapd worker costs. `make bench` runs
// it after bench/storm and it writes its own section of bench/RESULTS.md.
//
// Like bench/storm it starts bin/master on a temporary configdirectory
// owned by the cyrus user, waits for quiet CPUs before every run and
// stops everything it started. Its client writes commands as text and
// reads until the tagged reply, counting literals, so no client library
// sits in the timed path.
package main

import (
	"flag"
	"fmt"
	"net/netip"
	"os"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/pgroup"
	"github.com/corvusmail/corvus/bench/resultsmd"
)

// settings are imapload's flags.
type settings struct {
	bin, out, command string
	reps, clients     int
	messages          int
	warm, dur         time.Duration
	appends, msgSize  int
	prefork, memFork  int
}

func main() { os.Exit(run()) }

func run() int {
	var s settings
	flag.StringVar(&s.bin, "bin", "bin", "directory holding master, imapd and corvus_passwd (make build)")
	flag.StringVar(&s.out, "out", "", "write the results section into this markdown file")
	flag.StringVar(&s.command, "command", "make bench", "the command named in the results section")
	flag.IntVar(&s.reps, "reps", 3, "runs of each case (medians are reported)")
	flag.IntVar(&s.clients, "clients", 8, "concurrent clients")
	flag.IntVar(&s.messages, "messages", 1000, "messages in the session loop's INBOX")
	flag.DurationVar(&s.warm, "warmup", 3*time.Second, "session loop warm-up per run (discarded)")
	flag.DurationVar(&s.dur, "duration", 20*time.Second, "session loop measured time per run")
	flag.IntVar(&s.appends, "appends", 250, "APPENDs per client per run")
	flag.IntVar(&s.msgSize, "size", 5*1024, "bytes per APPENDed message")
	flag.IntVar(&s.prefork, "prefork", 10, "prefork of the load cases")
	flag.IntVar(&s.memFork, "memprefork", 20, "prefork of the memory case")
	flag.Parse()
	if s.reps < 1 || s.clients < 1 || s.messages < 1 || s.appends < 1 || s.msgSize < 512 || s.memFork < 1 {
		fmt.Fprintln(os.Stderr, "imapload: flags out of range")
		return 64
	}
	bin, err := benchmaster.FindBin(s.bin, "master", "imapd", "corvus_passwd")
	if err != nil {
		fmt.Fprintf(os.Stderr, "imapload: %v\n", err)
		return 1
	}
	s.bin = bin
	ctx, end := pgroup.Interruptible()
	defer end()

	began := time.Now()
	res, err := measure(ctx, s)
	if err != nil {
		fmt.Fprintf(os.Stderr, "imapload: %v\n", err)
		return 1
	}
	section := res.section(s, resultsmd.DescribeMachine(), began, time.Since(began))
	if err := resultsmd.Publish(os.Stdout, os.Stderr, "imapload", s.out, sectionHeading, section); err != nil {
		fmt.Fprintf(os.Stderr, "imapload: %v\n", err)
		return 1
	}
	return 0
}

// cyrusConf is the SERVICES entry of every case.
func cyrusConf(addr netip.AddrPort, prefork int) string {
	return fmt.Sprintf("SERVICES {\n  imap cmd=\"imapd\" listen=\"%s\" prefork=%d maxchild=40\n}\n", addr, prefork)
}

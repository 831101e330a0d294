package main

import (
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/bench/resultsmd"
)

// fakeSize is a size whose figures are easy to check by hand.
func fakeSize(conns int, wakeMS float64) sizeResult {
	ms := func(x float64) time.Duration { return time.Duration(x * float64(time.Millisecond)) }
	waits := make([]time.Duration, 100)
	for i := range waits {
		waits[i] = ms(wakeMS)
	}
	return sizeResult{
		conns: conns, users: 100,
		before: treeMem{classMaster: {1, 5000}, classImapd: {10, 100_000}, classIdled: {1, 8000}},
		mid:    treeMem{classMaster: {1, 5000}, classImapd: {10, 100_000}, classIdled: {1, 8000 + conns/4}},
		after:  treeMem{classMaster: {1, 5000}, classImapd: {10, 100_000 + conns}, classIdled: {1, 8000 + conns/2}},
		rest:   placement{idled: conns, byClass: map[string]int{classIdled: conns}},
		warm:   []wakeRun{{deliveries: 10, waits: waits}, {deliveries: 10, waits: waits}, {deliveries: 10, waits: waits, missed: 1}},
		wake0:  placement{idled: conns}, wake1: placement{idled: conns},
		wBefore: workers(10, 1, 10_000),
		wAfter:  workers(10, 2, 10_000+float64(conns)/10),
		seq:     []thawRun{{waits: []time.Duration{ms(3)}, noopOK: 1}},
		burst:   []thawRun{{waits: []time.Duration{ms(40), ms(60)}, noopOK: 2}},
	}
}

// workers is n imap workers alike.
func workers(n int, accounts, pss float64) []workerPoint {
	out := make([]workerPoint, n)
	for i := range out {
		out[i] = workerPoint{accounts, pss}
	}
	return out
}

func TestSection(t *testing.T) {
	s := settings{command: "make bench", args: []string{"-conns", "1000,10000"}, users: 100, reps: 3, maxchild: 150, wave: 150,
		deliveries: 200, thawSeq: 100, thawBurst: 100, hibernate: 1, wakeCap: 5 * time.Second, gap: 10 * time.Millisecond, settle: time.Second}
	r := results{sizes: []sizeResult{fakeSize(1000, 2), fakeSize(10000, 8)}, busy: []float64{0.1}}
	out := r.section(s, resultsmd.Machine{}, time.Now(), time.Minute)
	for _, want := range []string{
		sectionHeading + "\n",
		"`go run ./bench/hibload -conns 1000,10000`",
		// (128 000 − 113 000) kB / 10 000, then over the second half
		// (128 000 − 115 500) kB / 5 000.
		"| 10000 | 110.4 | 112.8 | 125.0 | **1.50** | 2.50 |",
		"| 1000 | 10 | 30 | 300 | 2.00 | **2.00** | 2.00 | 2.00 / 2.00 / 2.00 | 1 |",
		"| 1000 | one at a time of 1 | 1 | 3.00 | **3.00** |",
		"| 1000 | burst of 2 | 2 | 40.00 | **60.00** |",
		"With 10000 hibernated the whole server grew 1.50 kB per connection (missed). idled, which holds the sessions, grew 0.50 kB per connection (0.50 over the second half): within the target.",
		"With 1000 it was 2.00 ms (missed; p50 2.00 ms, 1 of 301 wake-ups missed)",
		"idled answered every one itself",
		// 10 workers gained an account each at 1 000 kB: all of their
		// 10 000 kB.
		"rose about 1000 kB per open account (least squares), which accounts for 10 of their 10 MB of growth",
		"| 10000 | 10 | 1.0 | 2.0 | 10000 | 11000 | 1000 | 9000 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("section lacks %q:\n%s", want, out)
		}
	}
}

func TestNearest(t *testing.T) {
	r := results{sizes: []sizeResult{{conns: 200}, {conns: 1000}, {conns: 10000}}}
	for _, tt := range []struct{ n, want int }{{1000, 1000}, {7000, 10000}, {1, 200}, {50000, 10000}} {
		if got := r.nearest(tt.n).conns; got != tt.want {
			t.Errorf("nearest(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

func TestLargestOther(t *testing.T) {
	z := sizeResult{conns: 100,
		before: treeMem{classIdled: {1, 0}, classImapd: {1, 0}, classLmtpd: {1, 0}},
		after:  treeMem{classIdled: {1, 900}, classImapd: {1, 300}, classLmtpd: {1, 100}}}
	if c, d := largestOther(z); c != classImapd || d != 3 {
		t.Fatalf("largestOther = %q, %v", c, d)
	}
}

func TestPerUserText(t *testing.T) {
	for _, tt := range []struct {
		conns, users int
		want         string
	}{{1000, 100, "10"}, {9, 2, "4–5"}, {1, 1, "1"}} {
		if got := perUserText(tt.conns, tt.users); got != tt.want {
			t.Errorf("perUserText(%d, %d) = %q, want %q", tt.conns, tt.users, got, tt.want)
		}
	}
}

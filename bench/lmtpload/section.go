package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
	"github.com/corvusmail/corvus/bench/cpuload"
	"github.com/corvusmail/corvus/bench/resultsmd"
)

// sectionHeading starts the part of RESULTS.md this program owns; other
// benchmarks own other "## " sections of the same file.
const sectionHeading = "## lmtpd: delivery throughput"

// section renders this program's part of RESULTS.md.
func (r results) section(s settings, m resultsmd.Machine, began time.Time, took time.Duration) string {
	var b strings.Builder
	resultsmd.Header(&b, sectionHeading, s.command, strings.Join(append([]string{"go run ./bench/lmtpload"}, s.args...), " "), began, took, m)
	fmt.Fprintf(&b, "- Method: one `bin/master` with `lmtp cmd=\"lmtpd -a\" listen=\"127.0.0.1:<port>\" prefork=%d maxchild=40`, `lmtpunix cmd=\"lmtpd\" listen=\"<dir>/socket/lmtp\"` (same prefork) and an `imap` service for the check, on a temporary configdirectory with `autocreate_post: yes` (one message to each of the %d users before the runs creates their accounts) and everything else at its default: duplicate suppression on, and the store fsyncs the message file and commits with synchronous=FULL before lmtpd answers 250. %d clients, each one LMTP connection for the whole run: LHLO once, then per message MAIL FROM, RCPT TO, DATA one command at a time (no pipelining), the message dot-stuffed, one reply per recipient. %d messages of uniform random size %d–%d KB (math/rand/v2 PCG, seed %d), generated before timing and sent in turn, each with a unique Message-ID put in front; recipients round-robin over the %d users. Per run %v warm-up (discarded), then %v; a message counts if its last reply came inside the %v; runs alternate between the cases; figures are medians over %s.\n",
		s.prefork, users, s.clients, poolSize, minSize/1024, maxSize/1024, seed, users, s.warm, s.dur, s.dur, plural(s.reps, "run"))
	fmt.Fprintf(&b, "- Check: after the runs, IMAP STATUS INBOX (MESSAGES) over the %d users summed to %d, the number of 250 replies after DATA (warm-ups and those first messages included).\n", users, r.stored)
	fmt.Fprintf(&b, "- Other load: %s\n\n", cpuload.Describe("lmtpload", r.busy))
	b.WriteString(r.table())
	fmt.Fprintf(&b, "### Interpretation\n\n%s\n", r.interpretation(m.CPUs, s.dur))
	return b.String()
}

// caseFigures are one case's medians over its runs.
type caseFigures struct {
	rate, delivRate, p50, p99, whole50, whole99, busy float64
	self                                              time.Duration
	failed                                            int
	rates                                             []float64
}

func figures(runs []runResult) caseFigures {
	var f caseFigures
	var delivs, p50, p99, w50, w99, busy, self []float64
	for _, rr := range runs {
		f.rates = append(f.rates, rr.rate())
		delivs = append(delivs, rr.delivRate())
		p50 = append(p50, benchstats.MS(benchstats.Percentile(rr.waits, 50)))
		p99 = append(p99, benchstats.MS(benchstats.Percentile(rr.waits, 99)))
		w50 = append(w50, benchstats.MS(benchstats.Percentile(rr.wholes, 50)))
		w99 = append(w99, benchstats.MS(benchstats.Percentile(rr.wholes, 99)))
		if rr.busy >= 0 {
			busy = append(busy, rr.busy)
		}
		self = append(self, float64(rr.selfCPU))
		f.failed += rr.failed
	}
	f.rate, f.delivRate = benchstats.Median(f.rates), benchstats.Median(delivs)
	f.p50, f.p99, f.whole50, f.whole99 = benchstats.Median(p50), benchstats.Median(p99), benchstats.Median(w50), benchstats.Median(w99)
	f.busy, f.self = -1, time.Duration(benchstats.Median(self))
	if len(busy) > 0 {
		f.busy = benchstats.Median(busy)
	}
	return f
}

func (r results) table() string {
	var b strings.Builder
	b.WriteString("p50 and p99 are the wait from sending the final dot to reading the last recipient's reply; \"transaction\" times run from MAIL FROM to that reply and include sending the message. \"failed\" counts refused recipients over all runs; \"CPUs busy\" is all CPUs over the measured window, this program and other processes included.\n\n")
	b.WriteString("| case | messages/s | deliveries/s | p50 ms | p99 ms | transaction p50 ms | transaction p99 ms | failed | CPUs busy | messages/s per run |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for i, bc := range r.cases {
		f := figures(r.runs[i])
		fmt.Fprintf(&b, "| %s | **%.0f** | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %s | %s |\n",
			bc.name, f.rate, f.delivRate, f.p50, f.p99, f.whole50, f.whole99, f.failed, pct(f.busy), resultsmd.JoinF(f.rates, "%.0f"))
	}
	b.WriteString("\n")
	return b.String()
}

// plural is "1 run" or "3 runs".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// pct formats a fraction as a percentage, "?" when unknown.
func pct(x float64) string {
	if x < 0 {
		return "?"
	}
	return fmt.Sprintf("%.0f %%", 100*x)
}

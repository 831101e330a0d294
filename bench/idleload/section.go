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
const sectionHeading = "## idled: IDLE wake latency"

// section renders this program's part of RESULTS.md.
func (r results) section(s settings, m resultsmd.Machine, began time.Time, took time.Duration) string {
	var b strings.Builder
	resultsmd.Header(&b, sectionHeading, s.command, strings.Join(append([]string{"go run ./bench/idleload"}, s.args...), " "), began, took, m)
	fmt.Fprintf(&b, "- Method: one `bin/master` with `imap cmd=\"imapd\" listen=\"127.0.0.1:<port>\" prefork=%d maxchild=%d` (one imapd per idling session: as in Cyrus, an IDLE pins its worker), `lmtp cmd=\"lmtpd -a\" listen=\"127.0.0.1:<port>\" prefork=2` and `DAEMON { idled cmd=\"idled\" }`, on a temporary configdirectory with `imapidlepoll: 60s` (so only idled can wake a session fast) and `autocreate_post: yes` (one message to each user before the sessions log in creates the accounts). %d sessions over %d users (%s per INBOX), each a raw IMAP connection: LOGIN, SELECT INBOX, IDLE, then reading until closed; %d log in at a time. After the last \"+\" the benchmark waits %v for the watches to reach idled. Deliveries go one at a time over one LMTP connection (MAIL, RCPT, DATA, no pipelining), round-robin over the users; after lmtpd's 250 to the final dot, the benchmark waits for every session of that user to read `* n EXISTS` with the new count, up to %v, then pauses %v. A wake-up is the time from reading that 250 to a session reading its EXISTS line (both timestamped as the line is read, in the benchmark's own goroutines); a session that read nothing in %v is *missed* (it would have waited for its 60 s poll). First one delivery to each user (cold, straight after the sessions settled), then %s of %d deliveries; the percentiles are over all (delivery, session) pairs of a run, and the medians over the runs are reported.%s\n",
		s.clients, s.clients+50, r.clients, r.users, perUserText(r.clients, r.users), loginParallel, s.settle, s.wakeCap, s.gap, s.wakeCap, plural(s.reps, "timed run"), s.deliveries, r.pollMethod(s))
	fmt.Fprintf(&b, "- Set-up: master had forked the %d imapd workers %.1f s after it started; the %d sessions were all idling %.1f s later.\n", r.clients, r.forked.Seconds(), r.clients, r.idling.Seconds())
	fmt.Fprintf(&b, "- Other load: %s%s\n\n", cpuload.Describe("idleload", r.busy), foreignText(figures(r.warm).foreign))
	b.WriteString(r.latencyTable(s))
	b.WriteString(r.cpuTable())
	b.WriteString(r.pollTable(s))
	b.WriteString(r.memoryTable())
	fmt.Fprintf(&b, "### Interpretation\n\n%s\n", r.interpretation(s, m.CPUs))
	return b.String()
}

// foreignText is what other programs took during the timed runs.
func foreignText(xs []float64) string {
	if len(xs) == 0 {
		return ""
	}
	return fmt.Sprintf(" During the timed runs other programs took %s %% of the CPUs (per run: machine busy time from /proc/stat less the server's and idleload's own).", resultsmd.JoinF(scale(xs, 100), "%.0f"))
}

// scale is xs each multiplied by k.
func scale(xs []float64, k float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = k * x
	}
	return out
}

// pollMethod describes the case without idled, if it ran.
func (r results) pollMethod(s settings) string {
	if !r.pollRan {
		return " The case without idled was skipped (-poll-deliveries 0)."
	}
	return fmt.Sprintf(" Then master is restarted on the same store without the DAEMON section, %d sessions idle as before (same sessions per INBOX), and %d deliveries go each to another user, waiting up to %v for each.", r.pollSessions, r.poll.deliveries, s.pollWait)
}

func (r results) latencyTable(s settings) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Wake-ups with idled, in ms from lmtpd's 250 to the session's EXISTS. \"missed\" counts sessions with no EXISTS within %v; \"before 250\" counts EXISTS read before the 250 was (counted as 0 ms).\n\n", s.wakeCap)
	b.WriteString("| case | deliveries | wake-ups | p50 ms | p90 ms | p99 ms | max ms | missed | before 250 | p99 per run |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	w := figures(r.warm)
	fmt.Fprintf(&b, "| idled, %d sessions, timed runs | %d | %d | %.2f | %.2f | **%.2f** | %.2f | %d | %d | %s |\n",
		r.clients, w.deliveries, w.wakes, w.p50, w.p90, w.p99, w.max, w.missed, w.early, resultsmd.JoinF(w.p99s, "%.2f"))
	c := summarize(r.cold)
	fmt.Fprintf(&b, "| idled, first delivery to each user (cold) | %d | %d | %.2f | %.2f | %.2f | %.2f | %d | %d | |\n\n",
		r.cold.deliveries, len(r.cold.waits), c.p50, c.p90, c.p99, c.max, r.cold.missed, r.cold.early)
	return b.String()
}

func (r results) cpuTable() string {
	var b strings.Builder
	w := figures(r.warm)
	fmt.Fprintf(&b, "Server CPU time from each thread's /proc/…/schedstat: at rest over %v with every session idling and nothing delivered, then during the timed runs less that rest rate, spread over the deliveries and over the session wake-ups:\n\n", restWindow)
	b.WriteString("| program | at rest, CPU ms per s | CPU ms per delivery | CPU ms per wake-up |\n")
	b.WriteString("|---|---:|---:|---:|\n")
	for _, p := range []string{"imapd", "idled", "lmtpd", "master"} {
		fmt.Fprintf(&b, "| %s | %.1f | %.2f | %.2f |\n", p, benchstats.MS(r.rest[p]), w.perDelivery(p, r.rest), w.perWake(p, r.rest))
	}
	b.WriteString("\n")
	return b.String()
}

func (r results) pollTable(s settings) string {
	if !r.pollRan {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Without idled (imapidlepoll 60 s), waiting up to %v per delivery:\n\n", s.pollWait)
	b.WriteString("| case | sessions | deliveries | session × delivery pairs | woken within the wait | their p50 ms | their max ms |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	d := summarize(r.poll)
	fmt.Fprintf(&b, "| no idled | %d | %d | %d | %d | %s | %s |\n\n", r.pollSessions, r.poll.deliveries, r.poll.pairs(), len(r.poll.waits), msOrDash(d.p50, len(r.poll.waits)), msOrDash(d.max, len(r.poll.waits)))
	return b.String()
}

func (r results) memoryTable() string {
	var b strings.Builder
	b.WriteString("Memory while every session idled (after the timed runs), PSS from /proc/PID/smaps_rollup: shared pages are split among the processes sharing them, so the rows add up.\n\n")
	b.WriteString("| processes | count | PSS total MB | PSS each kB | per idling session kB |\n")
	b.WriteString("|---|---:|---:|---:|---:|\n")
	rows := []struct {
		name string
		p    procMem
	}{
		{"imapd serving an IDLE", r.mem.pinned},
		{"imapd spare (ready for a client)", r.mem.spare},
		{"idled", r.mem.idled},
		{"master", r.mem.master},
	}
	for _, row := range rows {
		fmt.Fprintf(&b, "| %s | %d | %.1f | %.0f | %.0f |\n", row.name, row.p.n, float64(row.p.pss)/1024, row.p.perProc(), perSession(row.p, r.clients))
	}
	b.WriteString("\n")
	return b.String()
}

// perSession is p's PSS spread over the idling sessions, in kB.
func perSession(p procMem, sessions int) float64 {
	if sessions == 0 {
		return 0
	}
	return float64(p.pss) / float64(sessions)
}

// perUserText is how many sessions share one INBOX, e.g. "4" or "4–5".
func perUserText(clients, users int) string {
	lo, hi := clients/users, (clients+users-1)/users
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

// msOrDash formats ms, or "–" when there were no samples.
func msOrDash(ms float64, n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f", ms)
}

// plural is "1 run" or "3 runs".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

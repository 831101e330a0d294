package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/cpuload"
	"github.com/corvusmail/corvus/bench/resultsmd"
)

// sectionHeading starts the part of RESULTS.md this program owns.
const sectionHeading = "## idled: IDLE hibernation"

// section renders this program's part of RESULTS.md.
func (r results) section(s settings, m resultsmd.Machine, began time.Time, took time.Duration) string {
	var b strings.Builder
	resultsmd.Header(&b, sectionHeading, s.command, s.commandLine(), began, took, m)
	b.WriteString(method(s))
	fmt.Fprintf(&b, "- Other load: %s\n\n", cpuload.Describe("hibload", r.busy))
	b.WriteString(r.setupTable())
	b.WriteString(r.memoryTable(s))
	b.WriteString(r.classTable())
	b.WriteString(r.workerTable())
	b.WriteString(r.wakeTable(s))
	b.WriteString(r.thawTable())
	fmt.Fprintf(&b, "### Interpretation\n\n%s\n", r.interpretation(s))
	return b.String()
}

// method is the Method line.
func method(s settings) string {
	return fmt.Sprintf("- Method: for each size a fresh `bin/master -l %s` on one temporary configdirectory with `imap cmd=\"imapd -U 0\" listen=\"127.0.0.1:<port>\" prefork=%d maxchild=%d`, `imapthaw cmd=\"imapd -R -U 0\" listen=\"<configdirectory>/socket/imapthaw\" prefork=1 maxchild=%d`, `lmtp cmd=\"lmtpd -a\" listen=\"127.0.0.1:<port>\" prefork=1` and `DAEMON { idled cmd=\"idled\" }`; imapd.conf has `imap_hibernate_timeout: %d`, `imapidlepoll: 60s` (only idled can wake a session fast) and `autocreate_post: yes` (one delivery to each user first creates the accounts). Session i logs in as user i mod %d over raw IMAP: LOGIN, SELECT INBOX, IDLE. Sessions open %d at a time; the next wave waits until idled holds the last (its socket descriptors in /proc/PID/fd), so the imap workers serve wave after wave. Memory is PSS from /proc/PID/smaps_rollup of master and every process below it (shared pages split among their sharers, so the rows add up), read %v after a warm-up (one session per user hibernated and closed: every user's state and code path warm, no connection open) and again %v after every session is hibernated: all N server ends of the IMAP connections are held by idled and none by an imapd (socket inodes of /proc/net/tcp against /proc/PID/fd). PSS leaves out the kernel's socket memory. Wake-ups: deliveries go one at a time over one LMTP connection, round-robin over the users; a wake-up is lmtpd's 250 after DATA → a session of that user reading `* n EXISTS` with the new count (both timestamped as the line is read), missed after %v; %s of %d deliveries after a first delivery to each user (cold), %v pause after each. Thaws: DONE → `i OK IDLE terminated` (idled sees input and hands the session to an imapd -R, which answers), then NOOP must be OK and the session logs out; per run a sample one at a time (the thaw worker is free each time) and a burst sent DONE at once (master forks an imapd -R per session). Latency figures are the median over the runs of each run's own percentile.\n",
		listenBacklog, s.maxchild, s.maxchild, thawMaxchild(s), s.hibernate, s.users, s.wave, s.settle, s.settle, s.wakeCap, plural(s.reps, "timed run"), s.deliveries, s.gap)
}

// setupTable is how the sessions got into idled.
func (r results) setupTable() string {
	var b strings.Builder
	b.WriteString("Set-up: master's start until every imap worker was up; opening the sessions until idled held them all (the memory readings at half excluded); then where the server ends of the IMAP connections were, and the thaw service's CPU time while the sessions were opened (0 if none thawed and hibernated again meanwhile).\n\n")
	b.WriteString("| connections | users | workers forked in s | all hibernated in s | sessions per s | IMAP connections held by idled / imapd / imapd -R | imapd -R CPU ms meanwhile |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---|---:|\n")
	for _, z := range r.sizes {
		_, _, thawCPU := thawsBetween(z.preConnect, z.rest)
		fmt.Fprintf(&b, "| %d | %d | %.1f | %.1f | %.0f | %d / %d / %d | %.1f |\n", z.conns, z.users, z.forked.Seconds(), z.connect.Seconds(),
			float64(z.conns)/max(z.connect.Seconds(), 1e-9), z.rest.byClass[classIdled], z.rest.byClass[classImapd], z.rest.byClass[classThaw], ms(thawCPU))
	}
	b.WriteString("\n")
	return b.String()
}

// workerTable relates the imap workers' memory to the account databases
// each keeps open.
func (r results) workerTable() string {
	var b strings.Builder
	b.WriteString("imap workers: the account databases each holds open (distinct `corvus.db` among its descriptors in /proc/PID/fd: the sqlite store keeps closed accounts open for reuse, up to its MaxIdleAccounts) and its PSS, after the warm-up and with every session hibernated; the last two columns fit PSS = base + k × open accounts by least squares over both readings of every worker.\n\n")
	b.WriteString("| connections | workers | open accounts each, before | with all | PSS each before kB | with all kB | k: kB per open account | base kB |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, z := range r.sizes {
		a0, p0 := means(z.wBefore)
		a1, p1 := means(z.wAfter)
		k, base := z.workerFit()
		fmt.Fprintf(&b, "| %d | %d | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f |\n", z.conns, len(z.wAfter), a0, a1, p0, p1, k, base)
	}
	b.WriteString("\n")
	return b.String()
}

func (r results) memoryTable(s settings) string {
	var b strings.Builder
	b.WriteString("Memory: the whole server (master and every process below it) and idled alone, with no connection open (after the warm-up), with half the connections hibernated and with all. \"per connection\" is the growth from no connection to all, divided by the connections; \"marginal\" is the growth from half to all, divided by the second half: it leaves out what the imap workers keep from their first sessions.\n\n")
	b.WriteString("| connections | server PSS before MB | at half MB | with all MB | **server kB per connection** | server marginal kB | idled before MB | idled with all MB | idled kB per connection | idled marginal kB |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, z := range r.sizes {
		bi, mi, ai := z.before[classIdled].pss, z.mid[classIdled].pss, z.after[classIdled].pss
		half := z.conns - z.conns/2
		fmt.Fprintf(&b, "| %d | %.1f | %.1f | %.1f | **%.2f** | %.2f | %.1f | %.1f | %.2f | %.2f |\n",
			z.conns, mb(z.before.total()), mb(z.mid.total()), mb(z.after.total()),
			perConn(z.before.total(), z.after.total(), z.conns), perConn(z.mid.total(), z.after.total(), half),
			mb(bi), mb(ai), perConn(bi, ai, z.conns), perConn(mi, ai, half))
	}
	b.WriteString("\n")
	return b.String()
}

func (r results) classTable() string {
	var b strings.Builder
	b.WriteString("The same by kind of process:\n\n")
	b.WriteString("| connections | processes | count before | PSS before MB | PSS at half MB | count with all | PSS with all MB | kB per connection | marginal kB |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, z := range r.sizes {
		for _, c := range classes(z.before, z.after) {
			x, h, y := z.before[c], z.mid[c], z.after[c]
			fmt.Fprintf(&b, "| %d | %s | %d | %.1f | %.1f | %d | %.1f | %.2f | %.2f |\n", z.conns, c, x.n, mb(x.pss), mb(h.pss), y.n, mb(y.pss),
				perConn(x.pss, y.pss, z.conns), perConn(h.pss, y.pss, z.conns-z.conns/2))
		}
	}
	b.WriteString("\n")
	return b.String()
}

func (r results) wakeTable(s settings) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Wake-ups of hibernated sessions, in ms from lmtpd's 250 to the session's EXISTS. \"missed\": no EXISTS within %v; \"before 250\": EXISTS read before the 250 (counted as 0 ms). idled exports no count of its answers or thaws (its Holder's Stats stay inside the process), so thaws are read from outside: \"left idled\" is the sessions idled held before the deliveries less those after, \"thawed held\" the IMAP connections imapd -R processes held after them, \"thaw CPU\" those processes' CPU time across the deliveries: all 0 when idled answered every delivery itself.\n\n", s.wakeCap)
	b.WriteString("| connections | sessions per INBOX | deliveries | wake-ups | p50 ms | p99 ms | max ms | p99 per run | missed | before 250 | cold p50 / p99 / max ms | idled CPU ms per delivery | idled CPU µs per wake-up | left idled | thawed held | thaw CPU ms | EXISTS / RECENT / other lines read |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---|\n")
	for _, z := range r.sizes {
		d, w := z.wakeFigures()
		p99s := z.wakeP99s()
		c := summarize(z.cold.waits)
		left, thawHeld, thawCPU := thawsBetween(z.wake0, z.wake1)
		fmt.Fprintf(&b, "| %d | %s | %d | %d | %.2f | **%.2f** | %.2f | %s | %d | %d | %.2f / %.2f / %.2f | %.2f | %.1f | %d | %d | %.1f | %d / %d / %d |\n",
			z.conns, perUserText(z.conns, z.users), w.deliveries, d.n, d.p50, d.p99, d.max, resultsmd.JoinF(p99s, "%.2f"), w.missed, w.early,
			c.p50, c.p99, c.max, ms(w.idledCPU)/float64(max(w.deliveries, 1)), 1000*ms(w.idledCPU)/float64(max(d.n, 1)),
			left, thawHeld, ms(thawCPU), z.exists, z.recent, z.other)
	}
	b.WriteString("\n")
	return b.String()
}

func (r results) thawTable() string {
	var b strings.Builder
	b.WriteString("Thaws, in ms from writing DONE to reading `i OK IDLE terminated`; \"failed\": no OK within 30 s; \"NOOP OK\": resumed sessions whose NOOP then succeeded; \"held after\": sessions idled still held after all thaws (the connections less those thawed).\n\n")
	b.WriteString("| connections | mode | thaws | p50 ms | p99 ms | max ms | p99 per run | failed | NOOP OK | held after |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|---|---:|---:|---:|\n")
	for _, z := range r.sizes {
		for _, m := range []struct {
			name string
			runs []thawRun
		}{{"one at a time", z.seq}, {"burst", z.burst}} {
			var ds []dist
			var failed, noop, per int
			for _, t := range m.runs {
				ds = append(ds, summarize(t.waits))
				failed, noop = failed+t.failed, noop+t.noopOK
				per = len(t.waits) + t.failed
			}
			d, p99s := overRuns(ds)
			fmt.Fprintf(&b, "| %d | %s of %d | %d | %.2f | **%.2f** | %.2f | %s | %d | %d | %d |\n",
				z.conns, m.name, per, d.n, d.p50, d.p99, d.max, resultsmd.JoinF(p99s, "%.2f"), failed, noop, z.heldAfter)
		}
	}
	b.WriteString("\n")
	return b.String()
}

// perUserText is how many sessions share one INBOX, e.g. "10" or "4–5".
func perUserText(conns, users int) string {
	lo, hi := conns/users, (conns+users-1)/users
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

// plural is "1 run" or "3 runs".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

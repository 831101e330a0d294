package main

import (
	"fmt"
	"strings"
)

// Targets of issue 7, part 2.
const (
	targetKB    = 1.0    // server kB per hibernated connection …
	targetKBAt  = 10_000 // … at this many connections
	targetP99   = 5.0    // wake-up p99 in ms …
	targetP99At = 1_000  // … at this many hibernated sessions
)

// interpretation says whether the targets were met, from the figures.
func (r results) interpretation(s settings) string {
	if len(r.sizes) == 0 {
		return "No size was measured."
	}
	var b strings.Builder
	b.WriteString(r.memoryText())
	b.WriteString(" ")
	b.WriteString(r.wakeText())
	b.WriteString(" ")
	b.WriteString(r.thawText())
	return b.String()
}

// nearest is the size closest to n connections.
func (r results) nearest(n int) sizeResult {
	best := r.sizes[0]
	for _, z := range r.sizes[1:] {
		if abs(z.conns-n) < abs(best.conns-n) {
			best = z
		}
	}
	return best
}

func abs(x int) int { return max(x, -x) }

func (r results) memoryText() string {
	z := r.nearest(targetKBAt)
	half := z.conns - z.conns/2
	total := perConn(z.before.total(), z.after.total(), z.conns)
	idled := perConn(z.before[classIdled].pss, z.after[classIdled].pss, z.conns)
	idledHalf := perConn(z.mid[classIdled].pss, z.after[classIdled].pss, half)
	var b strings.Builder
	fmt.Fprintf(&b, "Target: at most %.0f kB of server memory per hibernated connection at %d connections. With %d hibernated the whole server grew %.2f kB per connection (%s). idled, which holds the sessions, grew %.2f kB per connection (%.2f over the second half): %s.",
		targetKB, targetKBAt, z.conns, total, verdict(total <= targetKB), idled, idledHalf, withinText(max(idled, idledHalf) <= targetKB))
	if c, d := largestOther(z); c == classImapd {
		b.WriteString(workerText(z, d))
	} else if c != "" {
		fmt.Fprintf(&b, " The largest other growth was %s (%.2f kB per connection).", c, d)
	}
	if z.conns != targetKBAt {
		fmt.Fprintf(&b, " (The target names %d connections; this run's nearest size was %d.)", targetKBAt, z.conns)
	}
	if z.rest.byClass[classImapd] == 0 && z.rest.byClass[classIdled] == z.conns {
		fmt.Fprintf(&b, " Every IMAP connection was held by idled and none by an imapd, which all went back to accepting: %d sessions were served in by %d workers.", z.conns, z.before[classImapd].n)
	}
	return b.String()
}

// workerText explains the imap workers' growth (d kB per connection) by
// the account databases they hold open.
func workerText(z sizeResult, d float64) string {
	a0, p0 := means(z.wBefore)
	a1, p1 := means(z.wAfter)
	if a0 < 0.5 && a1 < 0.5 {
		return fmt.Sprintf(" The rest is the imap workers (%.2f kB per connection). They held no account database open (a worker that has waited a second for its next client closes its idle accounts and hands its free heap back: internal/service's idleRelease), yet a worker's PSS went from %.0f kB after the warm-up to %.0f kB with every session hibernated: what serving sessions leaves in a worker, not what the connections idled holds cost. The growth from half to all connections (%.2f kB per connection for the whole server) is a matter of how many more sessions each worker happened to serve.",
			d, p0, p1, perConn(z.mid.total(), z.after.total(), z.conns-z.conns/2))
	}
	k, _ := z.workerFit()
	grew := z.after[classImapd].pss - z.before[classImapd].pss
	explained := k * (a1 - a0) * float64(len(z.wAfter))
	return fmt.Sprintf(" The rest is the imap workers (%.2f kB per connection): each held %.1f account databases open after the warm-up and %.1f with every session hibernated (the sqlite store keeps closed accounts open for reuse, up to its MaxIdleAccounts, 2 in imapd), and a worker's PSS rose about %.0f kB per open account (least squares), which accounts for %.0f of their %.0f MB of growth. That is a cost of workers × accounts each keeps open, bounded by that limit, not of the connections idled holds; it also makes the growth from half to all connections (%.2f kB per connection for the whole server) a matter of how many more users each worker happened to serve.",
		d, a0, a1, k, explained/1024, float64(grew)/1024, perConn(z.mid.total(), z.after.total(), z.conns-z.conns/2))
}

func withinText(ok bool) string {
	if ok {
		return "within the target"
	}
	return "over the target"
}

// largestOther is the class other than idled whose PSS grew most, per
// connection.
func largestOther(z sizeResult) (string, float64) {
	best, grew := "", 0.0
	for _, c := range classes(z.before, z.after) {
		if d := perConn(z.before[c].pss, z.after[c].pss, z.conns); c != classIdled && d > grew {
			best, grew = c, d
		}
	}
	return best, grew
}

func (r results) wakeText() string {
	z := r.nearest(targetP99At)
	d, w := z.wakeFigures()
	left, thawHeld, _ := thawsBetween(z.wake0, z.wake1)
	var b strings.Builder
	fmt.Fprintf(&b, "Target: wake-up p99 at most %.0f ms with %d hibernated sessions. With %d it was %.2f ms (%s; p50 %.2f ms, %d of %d wake-ups missed).",
		targetP99, targetP99At, z.conns, d.p99, verdict(d.p99 <= targetP99 && w.missed == 0), d.p50, w.missed, d.n+w.missed)
	fmt.Fprintf(&b, " idled used %.2f ms of CPU per delivery, %.0f µs per session woken: it answers each session of the INBOX on its own.",
		ms(w.idledCPU)/float64(max(w.deliveries, 1)), 1000*ms(w.idledCPU)/float64(max(d.n, 1)))
	if left == 0 && thawHeld == 0 {
		b.WriteString(" No session left idled and no imapd -R held a connection across the deliveries: idled answered every one itself.")
	} else {
		fmt.Fprintf(&b, " %d sessions left idled during the deliveries and imapd -R processes held %d connections after them: some deliveries thawed sessions instead of being answered by idled.", left, thawHeld)
	}
	for _, o := range r.sizes {
		if o.conns != z.conns {
			od, ow := o.wakeFigures()
			fmt.Fprintf(&b, " With %d sessions (%s per INBOX): p50 %.2f ms, p99 %.2f ms, %d missed.", o.conns, perUserText(o.conns, o.users), od.p50, od.p99, ow.missed)
		}
	}
	return b.String()
}

func (r results) thawText() string {
	var parts []string
	for _, z := range r.sizes {
		seq, _ := overRuns(thawDists(z.seq))
		burst, _ := overRuns(thawDists(z.burst))
		parts = append(parts, fmt.Sprintf("with %d hibernated, DONE → OK took p50 %.2f / p99 %.2f ms one at a time and p50 %.2f / p99 %.2f ms in a burst", z.conns, seq.p50, seq.p99, burst.p50, burst.p99))
	}
	return "Thaws (no target): " + strings.Join(parts, "; ") + ". A burst waits for master to fork an imapd -R per session (about 25 ms of CPU each on this machine, see the fork-rate table above)."
}

// wakeFigures is the timed runs taken together, and their counts summed
// (in a wakeRun without samples).
func (z sizeResult) wakeFigures() (dist, wakeRun) {
	var runs []dist
	var sum wakeRun
	for _, w := range z.warm {
		runs = append(runs, summarize(w.waits))
		sum.deliveries += w.deliveries
		sum.missed += w.missed
		sum.early += w.early
		sum.idledCPU += w.idledCPU
	}
	d, _ := overRuns(runs)
	return d, sum
}

// workerFit is PSS = base + k × open accounts over both readings of
// every imap worker.
func (z sizeResult) workerFit() (k, base float64) {
	return fitLine(append(append([]workerPoint(nil), z.wBefore...), z.wAfter...))
}

// wakeP99s is each timed run's p99.
func (z sizeResult) wakeP99s() []float64 {
	var out []float64
	for _, w := range z.warm {
		if len(w.waits) > 0 {
			out = append(out, summarize(w.waits).p99)
		}
	}
	return out
}

// thawDists is each run's distribution.
func thawDists(runs []thawRun) []dist {
	var out []dist
	for _, t := range runs {
		out = append(out, summarize(t.waits))
	}
	return out
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "missed"
}

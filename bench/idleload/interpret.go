package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// The target: p99 wake-up with this many idling clients.
const (
	targetP99     = 5.0 // ms
	targetClients = 1000
)

// pollInterval is imapidlepoll as the benchmark sets it, in seconds.
const pollInterval = 60.0

// interpretation turns the figures into sentences; every judgement in it
// is computed from them.
func (r results) interpretation(s settings, cpus int) string {
	w := figures(r.warm)
	out := []string{targetSentence(w, r.clients), loadSentence(w), missedSentence(w), coldSentence(r.cold, w, s.settle)}
	if r.pollRan {
		out = append(out, pollSentence(r.poll, s, r.pollIdled))
	}
	out = append(out, fanOutSentence(w, r.rest, r.clients, r.users, cpus), r.restSentence(cpus), r.memorySentence())
	return strings.Join(slices.DeleteFunc(out, func(s string) bool { return s == "" }), " ")
}

// targetSentence judges the timed runs' p99 against the target, saying
// when the run had fewer clients than the target names.
func targetSentence(w warmFigures, clients int) string {
	verdict := "meets"
	if w.p99 > targetP99 || w.missed > 0 {
		verdict = "misses"
	}
	s := fmt.Sprintf("The issue's target is a p99 wake-up of ≤ %.0f ms with %d idling clients. With %d idling sessions the p99 was %.2f ms (median over the runs; p50 %.2f ms, max %.2f ms), which %s it", targetP99, targetClients, clients, w.p99, w.p50, w.max, verdict)
	switch {
	case w.missed > 0 && w.p99 <= targetP99:
		s += " because sessions were missed"
	case clients < targetClients:
		s += fmt.Sprintf(" at this size; only a run with -clients %d settles the target", targetClients)
	}
	return s + "."
}

// busyForeign is the share of the CPUs other programs may take during
// the timed runs before the interpretation warns about it.
const busyForeign = 0.10

// loadSentence warns when the shared machine was busy with other work
// during the timed runs: wake-ups then wait for CPUs others hold.
func loadSentence(w warmFigures) string {
	if len(w.foreign) == 0 {
		return "How busy other programs kept the CPUs during the runs is not known."
	}
	f := benchstats.Median(w.foreign)
	if f <= busyForeign {
		return ""
	}
	return fmt.Sprintf("Other programs took %.0f %% of the CPUs during the timed runs (median), so these wake-ups include waiting for them; on a quiet machine they would be shorter.", 100*f)
}

// missedSentence reports sessions that idled never woke: failures.
func missedSentence(w warmFigures) string {
	if w.missed == 0 {
		return fmt.Sprintf("Every one of the %d session wake-ups in the timed runs came through idled; none waited for the poll.", w.wakes)
	}
	return fmt.Sprintf("%d of %d session wake-ups (%.1f %%) saw nothing within the wait and were left to the 60 s poll: those are failures of idled's wake-up, not slow wake-ups.", w.missed, w.missed+w.wakes, 100*float64(w.missed)/float64(w.missed+w.wakes))
}

// coldSentence compares the first delivery per user with the timed runs:
// a watch that had not reached idled would show here.
func coldSentence(cold runResult, w warmFigures, settle time.Duration) string {
	c := summarize(cold)
	s := fmt.Sprintf("The first delivery to each user, %v after the last session started idling, woke them with p99 %.2f ms (max %.2f ms)", settle, c.p99, c.max)
	if cold.missed > 0 {
		return s + fmt.Sprintf(", but %d of %d sessions were missed: their watches had not reached idled yet, so a cold start leaves sessions on polling.", cold.missed, cold.pairs())
	}
	if c.p99 > 2*w.p99 && c.p99 > targetP99 {
		s += ", more than twice the timed runs' p99"
		if cold.foreign > benchstats.Median(w.foreign)+0.1 {
			return s + fmt.Sprintf(", but other programs took %.0f %% of the CPUs meanwhile, so this single series says little; none was missed.", 100*cold.foreign)
		}
		return s + ", so a session's first wake-up costs extra; none was missed."
	}
	return s + fmt.Sprintf(", with no session missed: %v after IDLE began, idled knew every watch.", settle)
}

// pollSentence reads the case without idled. A session polls
// imapidlepoll after its IDLE began and every interval after, so if no
// session idled that long before the last wait ended, none could have
// polled yet; otherwise a poll falls inside one wait with probability
// wait/interval.
func pollSentence(p runResult, s settings, idled time.Duration) string {
	pairs := p.pairs()
	if pairs == 0 {
		return ""
	}
	out := fmt.Sprintf("Without idled %d of %d sessions saw their delivery within %v.", len(p.waits), pairs, s.pollWait)
	if idled.Seconds() < pollInterval {
		return out + fmt.Sprintf(" No session had idled longer than %.0f s when the last wait ended, so none had reached its first imapidlepoll, %.0f s after its IDLE began: without idled a delivery waits for the session's next poll, up to %.0f s, and the fast wake-ups above are idled's doing.", idled.Seconds(), pollInterval, pollInterval)
	}
	return out + fmt.Sprintf(" A %v wait catches a poll every %.0f s %.0f %% of the time: without idled a delivery waits for the session's next poll, and the fast wake-ups above are idled's doing.", s.pollWait, pollInterval, 100*s.pollWait.Seconds()/pollInterval)
}

// fanOutSentence separates the wake-up of a delivery's first session
// from the rest, and bounds from below what waking all sessions of an
// INBOX takes: their imapd CPU time spread over every CPU.
func fanOutSentence(w warmFigures, rest serverCPU, clients, users, cpus int) string {
	if users == 0 || cpus <= 0 || w.wakes == 0 {
		return ""
	}
	per := float64(w.wakes+w.missed) / float64(w.deliveries) // sessions per INBOX
	s := fmt.Sprintf("Each delivery woke %.0f imapd processes (the sessions on that INBOX) at once, on %d CPUs shared with lmtpd, idled and this program; the first of them read its EXISTS after p50 %.2f ms, p99 %.2f ms.", per, cpus, w.firstP50, w.firstP99)
	cost := w.perWake("imapd", rest)
	if cost <= 0 {
		return s
	}
	floor := cost * per / float64(cpus)
	s += fmt.Sprintf(" A wake-up cost %.2f ms of imapd CPU, so one delivery's wake-ups take at least %.2f ms even with every CPU on them", cost, floor)
	if floor > targetP99 {
		return s + fmt.Sprintf(": over the %.0f ms target by themselves; at %.0f sessions per INBOX a wake-up must cost under %.2f ms of CPU here.", targetP99, per, targetP99*float64(cpus)/per)
	}
	return s + fmt.Sprintf(", within the %.0f ms target; the rest of the p99 is time spent waiting, not computing.", targetP99)
}

// restSentence is what the idling sessions cost in CPU with nothing
// delivered: every pinned imapd is a process with a runtime of its own.
func (r results) restSentence(cpus int) string {
	rest := r.rest["imapd"]
	if r.rest == nil || r.clients == 0 || cpus <= 0 {
		return ""
	}
	if rest <= 0 {
		return fmt.Sprintf("At rest the %d idling imapd workers used no CPU that schedstat could see.", r.clients)
	}
	return fmt.Sprintf("At rest the idling imapd workers together used %.1f ms of CPU per second (%.1f %% of the %d CPUs, %.1f µs per second per session).",
		benchstats.MS(rest), 100*rest.Seconds()/float64(cpus), cpus, float64(rest.Microseconds())/float64(r.clients))
}

// memorySentence is what idling costs in memory now: one imapd per
// session, the figure hibernation (handing idle sessions to idled) is to
// cut.
func (r results) memorySentence() string {
	per := r.mem.pinned.perProc()
	if r.mem.pinned.n == 0 {
		return "The memory of the idling sessions could not be read."
	}
	return fmt.Sprintf("Each idling session pins one imapd of %.1f MB PSS (idled itself: %.1f MB), so %d idling clients cost about %.1f GB in imapd workers alone; that per-session figure is what hibernating idle sessions into idled is to cut.",
		per/1024, float64(r.mem.idled.pss)/1024, targetClients, per*targetClients/1024/1024)
}

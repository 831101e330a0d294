package main

import (
	"fmt"
	"strings"
	"time"
)

// Peer figures, measured earlier by others on this machine type with
// their own harness (not by this program), and the target.
const (
	peerDovecot  = 610.0 // Debian's Dovecot, messages/s
	peerCyrus    = 480.0 // Debian's Cyrus, messages/s
	targetFactor = 1.5   // × the best peer
)

// busyCPU is the share of all CPUs from which a run counts as CPU-bound:
// /proc/stat's busy time leaves out interrupt work, which loopback
// traffic needs, so a saturated machine shows less than 100 %.
const busyCPU = 0.8

// interpretation turns the medians into sentences; every judgement in it
// is computed from the figures. The first case is the figure (TCP,
// one recipient); the others are compared with it.
func (r results) interpretation(cpus int, dur time.Duration) string {
	figs := make(map[string]caseFigures, len(r.cases))
	for i, bc := range r.cases {
		figs[bc.name] = figures(r.runs[i])
	}
	main := figs[r.cases[0].name]
	var out []string
	out = append(out, peerSentence(main.rate))
	out = append(out, cpuSentence(main, cpus, dur))
	for _, bc := range r.cases[1:] {
		f := figs[bc.name]
		switch {
		case bc.rcpts > 1:
			out = append(out, fanoutSentence(bc.rcpts, main, f))
		case bc.network == "unix":
			out = append(out, fmt.Sprintf("Over the unix socket lmtpd took %.0f messages/s, %.2f× the TCP figure (p99 %.1f ms against %.1f ms).", f.rate, ratio(f.rate, main.rate), f.p99, main.p99))
		}
	}
	if failed := r.failedTotal(); failed > 0 {
		out = append(out, fmt.Sprintf("%d recipients were refused during the measured windows; the rates count only messages delivered to every recipient.", failed))
	}
	return strings.Join(out, " ")
}

// peerSentence compares the TCP one-recipient rate with the peers.
func peerSentence(rate float64) string {
	best := max(peerDovecot, peerCyrus)
	verdict := "misses"
	if rate >= targetFactor*best {
		verdict = "meets"
	}
	return fmt.Sprintf("The issue's target is ≥ %.1f× the best peer: Debian's Dovecot ≈ %.0f messages/s (Cyrus ≈ %.0f), i.e. ≥ %.0f messages/s. Those figures were measured earlier by others on this machine type, not in this run, and with their own harness, so the comparison is indicative only. Here lmtpd delivered %.0f messages/s over TCP with one recipient each, %.2f× Dovecot's figure and %.2f× Cyrus's; it %s the target.",
		targetFactor, peerDovecot, peerCyrus, targetFactor*best, rate, rate/peerDovecot, rate/peerCyrus, verdict)
}

// cpuSentence says whether the machine ran out of CPU, which decides
// whether more sessions could have gone faster, and what a message cost
// in CPU on the server side.
func cpuSentence(f caseFigures, cpus int, dur time.Duration) string {
	if f.busy < 0 || cpus <= 0 || dur <= 0 {
		return "How busy the CPUs were during the runs is not known."
	}
	busy := f.busy * float64(cpus) * dur.Seconds() // CPU-seconds in the window
	self := f.self.Seconds()
	s := fmt.Sprintf("During those runs the %d CPUs were %.0f %% busy (lmtpload itself %.0f %% of them)", cpus, 100*f.busy, 100*self/dur.Seconds()/float64(cpus))
	if f.rate > 0 {
		// Other load is near 0 after the quiet wait, so what lmtpload did
		// not use went to master, lmtpd and the kernel on their behalf.
		s += fmt.Sprintf(", about %.1f ms of CPU per message besides lmtpload's own (all busy time in the window less lmtpload's, so any other load is in it too)", 1000*(busy-self)/(f.rate*dur.Seconds()))
	}
	if f.busy >= busyCPU {
		return s + fmt.Sprintf(": at %.0f %% or more delivery counts as bound by CPU on this machine, so more sessions would not have delivered faster here.", 100*busyCPU)
	}
	return s + fmt.Sprintf(", under the %.0f %% taken as CPU-bound: the sessions spent much of their time waiting (on fsync or on one another) rather than computing, so more concurrent sessions might deliver more; the p50 wait after the final dot was %.1f ms.", 100*busyCPU, f.p50)
}

// fanoutSentence reads the single-instance store off the n-recipient
// case: what an extra recipient costs compared with a whole message.
func fanoutSentence(n int, one, many caseFigures) string {
	s := fmt.Sprintf("With %d recipients per message lmtpd made %.0f deliveries/s (%.0f messages/s), %.2f× the one-recipient deliveries/s.", n, many.delivRate, many.rate, ratio(many.delivRate, one.delivRate))
	if one.rate <= 0 || many.rate <= 0 {
		return s
	}
	// Time per message: 1/rate. An extra recipient costs the difference
	// spread over the n-1 extra ones.
	extra := (1/many.rate - 1/one.rate) / float64(n-1) * one.rate
	if extra <= 0 {
		return s + " The extra recipients cost nothing measurable."
	}
	return s + fmt.Sprintf(" Each extra recipient cost %.0f %% of a one-recipient message: the store writes and fsyncs the message file once and hard-links it into each further recipient's directory, and each user gets a commit of their own.", 100*extra)
}

func (r results) failedTotal() int {
	n := 0
	for _, runs := range r.runs {
		for _, rr := range runs {
			n += rr.failed
		}
	}
	return n
}

// ratio is a/b, 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

package main

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// targetP99 is the goal the storm is read against: p99 accept latency
// under 2 ms when enough workers are preforked.
const targetP99 = 2 * time.Millisecond

// targetText is the target as prose ("2 ms").
func targetText() string {
	return fmt.Sprintf("%g ms", float64(targetP99)/float64(time.Millisecond))
}

// findStorm returns the first storm result whose case matches.
func (r results) findStorm(match func(stormCase) bool) (stormResult, bool) {
	for _, s := range r.storm {
		if match(s.Case) {
			return s, true
		}
	}
	return stormResult{}, false
}

// findFork returns the first fork-rate result whose case matches.
func (r results) findFork(match func(forkCase) bool) (forkResult, bool) {
	for _, f := range r.fork {
		if match(f.Case) {
			return f, true
		}
	}
	return forkResult{}, false
}

func (r stormResult) wakeups() float64 {
	xs := make([]float64, len(r.Reps))
	for i, rep := range r.Reps {
		xs[i] = rep.WakeupsPerConn
	}
	return benchstats.Median(xs)
}

func (r stormResult) workers() float64 {
	xs := make([]float64, len(r.Reps))
	for i, rep := range r.Reps {
		xs[i] = float64(rep.Workers)
	}
	return benchstats.Median(xs)
}

// interpretation is the paragraph reading the numbers against the target.
// It is written from the numbers of this run, so it stays true when the
// numbers change; the causes it names were found by profiling (perf, strace)
// and are stated only when the measured signature is there.
func (r results) interpretation() string {
	var out []string
	say := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if len(r.foreign) > 0 && slices.Max(r.foreign) > disturbedShare {
		say("Caution: other processes took up to %.0f %% of the CPUs during some runs (\"other load\" column), which inflates those rows.", 100*slices.Max(r.foreign))
	}

	ref, hasRef := r.findStorm(func(c stormCase) bool { return c.Ref })
	enough, hasEnough := r.findStorm(func(c stormCase) bool {
		return !c.Ref && c.Uses == 0 && c.GoMaxProcs == 0 && c.Prefork >= c.Clients && c.MaxChild > c.Clients
	})
	few, hasFew := r.findStorm(func(c stormCase) bool {
		return !c.Ref && c.Uses == 0 && c.GoMaxProcs == 0 && c.Prefork > 0 && c.Prefork < c.Clients && c.MaxChild > c.Clients
	})
	if hasEnough {
		verdict := "meets the target"
		if p := enough.p99(); p >= targetP99 {
			verdict = fmt.Sprintf("misses it by a factor of %.1f", float64(p)/float64(targetP99))
		}
		say("Target: p99 accept latency under %s with enough preforked workers. With a ready worker for every client (prefork=%d, %d clients at once) master's p99 was %s ms, which %s on this machine.",
			targetText(), enough.Case.Prefork, enough.Case.Clients, fmtMS(enough.p99()), verdict)
	}
	if hasRef {
		r.reference(say, ref, enough, hasEnough)
	}
	if hasEnough && hasFew {
		r.herd(say, ref, hasRef, enough, few)
	}
	r.onDemand(say)
	r.queueing(say)
	r.forkRates(say)
	return strings.Join(out, " ")
}

// reference reads the reference server's row: what the same storm costs
// with no master, and which master rows did better or worse.
func (r results) reference(say func(string, ...any), ref, enough stormResult, hasEnough bool) {
	text := fmt.Sprintf("The reference server (one Go process, a goroutine per connection, no master) had p99 %s ms under the same storm", fmtMS(ref.p99()))
	if ref.p99() >= targetP99 {
		text += fmt.Sprintf(": %d clients released at once on %d CPUs that they share with the server make each round CPU-bound, and the last greetings wait for much of the round's work", ref.Case.Clients, runtime.NumCPU())
	}
	if hasEnough {
		text += fmt.Sprintf("; master with prefork=%d took %.1f× as long", enough.Case.Prefork, float64(enough.p99())/float64(ref.p99()))
	}
	best, ok := stormResult{}, false
	for _, s := range r.storm {
		if !s.Case.Ref && s.Case.Clients == ref.Case.Clients && s.p99() < ref.p99() && (!ok || s.p99() < best.p99()) {
			best, ok = s, true
		}
	}
	if ok {
		text += fmt.Sprintf(", but master can beat it (%s ms with %s), so the reference is no floor", fmtMS(best.p99()), best.Case.label())
	}
	say("%s.", text)
}

// herd reads the wake-up counts: how much waking up the worker processes
// cost per connection, and how much of it is the Go runtime's own.
func (r results) herd(say func(string, ...any), ref stormResult, hasRef bool, enough, few stormResult) {
	refNote := ""
	if hasRef {
		refNote = fmt.Sprintf(", against %.0f for the reference process", ref.wakeups())
	}
	say("Per connection the workers slept and woke %.0f times in all with %.0f workers (prefork=%d: p50 %s ms) and %.0f times with %.0f (prefork=%d: p50 %s ms)%s.",
		enough.wakeups(), enough.workers(), enough.Case.Prefork, fmtMS(enough.p50()),
		few.wakeups(), few.workers(), few.Case.Prefork, fmtMS(few.p50()), refNote)
	if enough.wakeups() > 1.2*few.wakeups() && enough.workers() > few.workers() {
		say("The count grows with the number of worker processes: a storm spread over more processes wakes more of them from idle, and each is a Go runtime of its own.")
	}
	one, ok := r.findStorm(func(c stormCase) bool { return c.GoMaxProcs == 1 && c.Prefork == enough.Case.Prefork })
	if ok {
		if one.wakeups() < 0.7*enough.wakeups() {
			say("With GOMAXPROCS=1 in the workers' environment the count fell to %.0f and p99 was %s ms (p50 %s ms): much of it is the runtime's idle processors spinning and sysmon polling each time a worker turns busy, which a worker serving one client at a time does not need.",
				one.wakeups(), fmtMS(one.p99()), fmtMS(one.p50()))
		} else {
			say("With GOMAXPROCS=1 in the workers' environment it was %.0f, p99 %s ms.", one.wakeups(), fmtMS(one.p99()))
		}
	}
	say("Accept is serialised through the accept lock, and each hand-over crosses processes, so the k-th client of a storm also waits for k hand-overs.")
}

// onDemand reads the prefork=0 rows.
func (r results) onDemand(say func(string, ...any)) {
	if reuse, ok := r.findStorm(func(c stormCase) bool { return !c.Ref && c.Prefork == 0 && c.Uses == 0 }); ok {
		say("With prefork=0 the workers forked on demand during the warm-up stay and are reused (%.0f after the rounds), p99 %s ms.", reuse.workers(), fmtMS(reuse.p99()))
	}
	perConn, ok := r.findStorm(func(c stormCase) bool { return !c.Ref && c.Prefork == 0 && c.Uses == 1 })
	if !ok {
		return
	}
	start := ""
	if f, ok := r.findFork(func(c forkCase) bool { return c.MaxForkRate == 0 }); ok && f.workerCPU() > 0 {
		start = fmt.Sprintf(" (about %s ms of CPU for a Go worker here)", fmtMS(f.workerCPU()))
	}
	say("When every connection needs a fresh worker (-U 1) p50 is %s ms and p99 %s ms: master forks one worker per demand event and watches the listener again only once that worker has taken its client, so %d waiting clients are served by %d start-ups in a row%s; forking as many workers as clients wait (the listener's queue length, within maxchild and maxforkrate) would overlap them.",
		fmtMS(perConn.p50()), fmtMS(perConn.p99()), perConn.Case.Clients, perConn.Case.Clients, start)
}

// queueing reads the rows with more clients than maxchild.
func (r results) queueing(say func(string, ...any)) {
	def, ok := r.findStorm(func(c stormCase) bool { return !c.Ref && c.MaxChild < c.Clients && c.Backlog == 0 })
	if !ok {
		return
	}
	text := fmt.Sprintf("Behind maxchild=%d, %d clients got p99 %s ms (max %s ms)", def.Case.MaxChild, def.Case.Clients, fmtMS(def.p99()), fmtMS(def.max()))
	if def.max() >= 900*time.Millisecond {
		text += "; clients that found the default listen queue (32) full lost their SYN and were retried by the kernel after 1 s"
	} else {
		text += "; no client waited for a SYN retransmission, the default listen queue (32) held the storm"
	}
	deep, hasDeep := r.findStorm(func(c stormCase) bool { return !c.Ref && c.MaxChild < c.Clients && c.Backlog > 0 })
	if hasDeep {
		text += fmt.Sprintf(" (with -l %d: p99 %s ms, max %s ms)", deep.Case.Backlog, fmtMS(deep.p99()), fmtMS(deep.max()))
	}
	say("%s.", text)
}

// forkRates reads the fork-rate table.
func (r results) forkRates(say func(string, ...any)) {
	if f, ok := r.findFork(func(c forkCase) bool { return c.MaxForkRate == 0 }); ok {
		bound := ""
		if w := f.workerCPU(); w > 0 {
			bound = fmt.Sprintf(", about what %d CPUs can start at %s ms of CPU per worker (%.0f/s); master itself spends %s ms per fork, so the workers' Go start-up, not master, sets the pace",
				runtime.NumCPU(), fmtMS(w), float64(runtime.NumCPU())*float64(time.Second)/float64(w), fmtMS(f.masterCPU()))
		}
		say("Unpaced, master started %.0f workers/s (%.0f/s from its own start)%s.", f.steady(), f.rate(), bound)
	}
	if f, ok := r.findFork(func(c forkCase) bool { return c.MaxForkRate > 0 }); ok {
		rate := float64(f.Case.MaxForkRate)
		verdict := "pacing works"
		if d := f.steady() - rate; d > 0.25*rate || d < -0.25*rate {
			verdict = "pacing is off by more than a quarter"
		}
		ideal := time.Duration(float64(f.Case.Workers-f.Case.MaxForkRate) / rate * float64(time.Second))
		say("With maxforkrate=%d, %d workers took %s ms against an ideal %s ms (%d at once, then %d/s), and the rate over the second half was %.1f/s: %s.",
			f.Case.MaxForkRate, f.Case.Workers, fmtMS(f.medianDur(func(r forkRep) time.Duration { return r.All })), fmtMS(ideal),
			f.Case.MaxForkRate, f.Case.MaxForkRate, f.steady(), verdict)
	}
}

package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/benchstats"
	"github.com/corvusmail/corvus/bench/cpuload"
	"github.com/corvusmail/corvus/bench/resultsmd"
)

// section renders this program's part of RESULTS.md.
func (r results) section(s settings, m resultsmd.Machine, began time.Time, took time.Duration) string {
	var b strings.Builder
	resultsmd.Header(&b, sectionHeading, s.commandForDoc, "go run ./bench/storm -out bench/RESULTS.md", began, took, m)
	fmt.Fprintf(&b, "- Method: every run starts a fresh `bin/master` with one `echoworker` service on 127.0.0.1; figures are medians over %d runs.\n", s.reps)
	fmt.Fprintf(&b, "- Other load: %s\n\n", r.busyLine())
	if len(r.storm) > 0 {
		fmt.Fprintf(&b, "### Connection storm: connect() to greeting\n\n")
		fmt.Fprintf(&b, "All clients of a round are released together from a barrier; each times `connect()` start to the end of the worker's `HELLO` line, then sends `QUIT`, reads `BYE` and closes. Per run: 1 warm-up round (discarded), then %d rounds, percentiles over all their clients; the next round starts once master's children have settled (all asleep). \"forks per round\" counts workers master started during the measured rounds; \"worker wake-ups per conn\" is the voluntary context switches of all worker threads during the rounds divided by the connections (for the reference, its own); \"workers after\" is master's children after the last round; \"other load\" is the share of CPU time other processes took during the rounds.\n\n", s.rounds)
		b.WriteString(stormTable(r.storm, s.rounds))
		b.WriteString("\n")
	}
	if len(r.fork) > 0 {
		fmt.Fprintf(&b, "### Fork rate\n\n")
		fmt.Fprintf(&b, "master started with a large prefork; times from its fork/exec until its children appear in /proc (polled every millisecond). \"overall\" is prefork ÷ (start → all); \"2nd half\" counts only the second half of the workers, past master's start-up and maxforkrate's first-second burst. CPU times come from schedstat once all workers are up: master's per fork after the first, and a worker's from exec until it waits for clients.\n\n")
		b.WriteString(forkTable(r.fork))
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "### Interpretation\n\n%s\n", r.interpretation())
	return b.String()
}

// busyLine says how busy the CPUs were with other work before the runs
// and, once that was measured, during the runs kept.
func (r results) busyLine() string {
	line := cpuload.Describe("storm", r.busy)
	measured := slices.ContainsFunc(r.busy, func(x float64) bool { return x >= 0 })
	if len(r.foreign) > 0 && measured {
		fs := make([]float64, len(r.foreign))
		for i, f := range r.foreign {
			fs[i] = 100 * f
		}
		line += fmt.Sprintf(" During the runs kept, other processes took %.0f %% of the CPU time (median; max %.0f %%); %d run(s) were measured again for going over %.0f %%.",
			benchstats.Median(fs), slices.Max(fs), r.repeated, 100*disturbedShare)
	}
	return line
}

// sectionHeading starts the part of RESULTS.md this program owns; other
// benchmarks own other "## " sections of the same file.
const sectionHeading = "## master: connection storm and fork rate"

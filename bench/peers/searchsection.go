package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/cpuload"
	"github.com/corvusmail/corvus/bench/resultsmd"
)

// searchHeading is the section of bench/RESULTS.md the search
// measurement owns; the other measurements keep sectionHeading, so
// either can be rerun without wiping the other.
const searchHeading = "## peers: SORT, THREAD and SEARCH on a large mailbox"

// renderSearchSection is the search measurement's results section.
func renderSearchSection(s settings, e env, res *results, m resultsmd.Machine, began time.Time, took time.Duration) string {
	var b strings.Builder
	run := strings.TrimSpace("go run ./bench/peers " + strings.Join(s.args, " "))
	resultsmd.Header(&b, searchHeading, s.command, run, began, took, m)
	if e.failure != "" {
		fmt.Fprintf(&b, "- **Incomplete run**: it stopped with: %s\n", e.failure)
	}
	fmt.Fprintf(&b, "- Servers: %s, set up as in the section above (bench/peers/README.md); no search index on any (Cyrus without Xapian or squat, Dovecot without FTS).\n", describeVersions(s, e))
	fmt.Fprintf(&b, "- Mailbox: one INBOX of %d messages on each, the same bytes (fixed seed): senders Zipf over 400 people, about half replies (In-Reply-To, References, Re:/RE:/Fwd: subjects, 3 %% to parents never received), Date over two years in four zones, sizes log-uniform 1–50 KB, bodies from a Zipf vocabulary, 85 %% \\Seen. Filled with MULTIAPPEND, %d messages per command over %d connections.\n", s.searchMsgs, fillBatch, fillConns)
	fmt.Fprintf(&b, "- Timing: one connection per server with INBOX selected; every command once untimed on each server (warm caches), then %d runs interleaved (command by command, Corvus, Cyrus, Dovecot in turn); the median of command written → tagged OK read, in ms.\n", s.searchReps)
	fmt.Fprintf(&b, "- Other load: %s\n\n", cpuload.Describe("peers", res.busy))
	b.WriteString(searchTable(res, searchCommands(newCorpus(1))))
	b.WriteString("\n\"÷ Cyrus\" is Corvus's median over Cyrus's: below 1 Corvus is faster, which is issue 5's target. \"Results\" is what each server answered (UIDs listed, ESEARCH COUNT, or top-level threads), Corvus / Cyrus / Dovecot.\n")
	if len(e.search) > 0 {
		b.WriteString("\n### Fill\n\n")
		for _, l := range e.search {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	return b.String()
}

// searchTable is a row per command: each server's median, Corvus ÷
// Cyrus, whether Corvus met the target, and the result counts.
func searchTable(res *results, cmds []searchCommand) string {
	var b strings.Builder
	b.WriteString("| command |")
	for _, k := range kinds {
		b.WriteString(" " + k.title + " ms |")
	}
	b.WriteString(" ÷ Cyrus | faster than Cyrus | results |\n|---|" + strings.Repeat("---:|", len(kinds)) + "---:|---|---|\n")
	for _, cmd := range cmds {
		var cells, hits []string
		vals := map[string]float64{}
		for _, k := range kinds {
			v, ok := res.median(instanceName(k.id, false), "search."+cmd.key)
			h, hok := res.median(instanceName(k.id, false), "hits."+cmd.key)
			cells, hits = append(cells, fmtIf(ok, "%.1f", v)), append(hits, fmtIf(hok, "%.0f", h))
			if ok {
				vals[k.id] = v
			}
		}
		ratio, met := "–", "–"
		if cv, ok := vals["corvus"]; ok {
			if yv, ok := vals["cyrus"]; ok && yv > 0 {
				ratio, met = fmt.Sprintf("%.2f×", cv/yv), map[bool]string{true: "yes", false: "**no**"}[cv < yv]
			}
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", cmd.text, strings.Join(cells, " | "), ratio, met, strings.Join(hits, " / "))
	}
	return b.String()
}

func fmtIf(ok bool, format string, v float64) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf(format, v)
}

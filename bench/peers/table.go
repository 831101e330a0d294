package main

import (
	"fmt"
	"strings"
)

// kinds are the servers compared, Corvus first: the table's columns.
var kinds = []struct{ id, title string }{
	{"corvus", "Corvus"},
	{"cyrus", "Cyrus"},
	{"dovecot", "Dovecot"},
}

// instanceName is how the results name an instance of kind.
func instanceName(kind string, hibernating bool) string {
	for _, k := range kinds {
		if k.id == kind {
			if hibernating {
				return k.title + " (hibernating)"
			}
			return k.title
		}
	}
	return kind
}

// target is issue 9's goal for a row: Corvus at least ratio × the best
// peer, or at most limit (absolute); neither for a row without one.
type target struct {
	ratio, limit float64
}

func (t target) String() string {
	switch {
	case t.ratio > 0:
		return fmt.Sprintf("≥ %.1f× best peer", t.ratio)
	case t.limit > 0:
		return fmt.Sprintf("≤ %g", t.limit)
	}
	return ""
}

// rowSpec is one line of the comparison table.
type rowSpec struct {
	key, label string
	hib        bool // taken from the hibernating instances
	higher     bool // a higher figure is better
	format     string
	target     target
}

// rowSpecs are the table's lines, in the order of issue 9's list.
var rowSpecs = []rowSpec{
	{key: "lmtp.rate", label: "LMTP delivery, messages/s", higher: true, format: "%.0f", target: target{ratio: 1.5}},
	{key: "lmtp.p99", label: "LMTP delivery p99, ms", format: "%.1f"},
	{key: "session.rate", label: "IMAP session loop, sessions/s", higher: true, format: "%.1f", target: target{ratio: 1.5}},
	{key: "session.p99", label: "IMAP session loop p99, ms", format: "%.0f"},
	{key: "append.rate", label: "APPEND, messages/s", higher: true, format: "%.0f", target: target{ratio: 1.5}},
	{key: "append.p99", label: "APPEND p99, ms", format: "%.1f"},
	{key: "idle.kB", label: "PSS per IDLE connection, kB", format: "%.0f"},
	{key: "idle.kB", label: "PSS per IDLE connection, hibernated, kB", hib: true, format: "%.1f", target: target{limit: 1}},
	{key: "idle.quiet.kB", label: "the same, 40 s after the last delivery, kB", hib: true, format: "%.1f"},
	{key: "wake.p50", label: "wake-up p50, ms", format: "%.2f"},
	{key: "wake.p99", label: "wake-up p99, ms", format: "%.2f", target: target{limit: 5}},
	{key: "wake.p50", label: "wake-up p50, hibernated, ms", hib: true, format: "%.2f"},
	{key: "wake.p99", label: "wake-up p99, hibernated, ms", hib: true, format: "%.2f", target: target{limit: 5}},
	{key: "storm.p50", label: "connection storm: accept p50, ms", format: "%.2f"},
	{key: "storm.p99", label: "connection storm: accept p99, ms", format: "%.2f", target: target{limit: 2}},
}

// tableRow is one rendered line: a cell per kind, Corvus ÷ the best
// peer, the target and whether Corvus met it.
type tableRow struct {
	label  string
	cells  []string
	ratio  string
	target string
	met    string
}

// buildRows renders the specs whose figure any instance has.
func buildRows(r *results, specs []rowSpec) []tableRow {
	var out []tableRow
	for _, sp := range specs {
		vals := make([]float64, len(kinds))
		have := make([]bool, len(kinds))
		row := tableRow{label: sp.label, target: sp.target.String()}
		for i, k := range kinds {
			vals[i], have[i] = r.median(instanceName(k.id, sp.hib), sp.key)
			cell := "–"
			if have[i] {
				cell = fmt.Sprintf(sp.format, vals[i])
			}
			row.cells = append(row.cells, cell)
		}
		if !anyTrue(have) {
			continue
		}
		best, ok := bestPeer(vals[1:], have[1:], sp.higher)
		row.ratio, row.met = "–", "–"
		if have[0] && ok && best != 0 {
			row.ratio = fmt.Sprintf("%.2f×", vals[0]/best)
		}
		if have[0] {
			row.met = sp.met(vals[0], best, ok)
		}
		out = append(out, row)
	}
	return out
}

// met says whether Corvus's figure meets the row's target: "yes", "no",
// or "" for a row without one (or a ratio target without a peer).
func (sp rowSpec) met(corvus, best float64, haveBest bool) string {
	var ok bool
	switch {
	case sp.target.ratio > 0 && haveBest:
		ok = corvus >= sp.target.ratio*best
	case sp.target.limit > 0:
		ok = corvus <= sp.target.limit
	default:
		return ""
	}
	if ok {
		return "yes"
	}
	return "**no**"
}

// bestPeer is the best of the peers' figures that exist: the highest
// or the lowest.
func bestPeer(vals []float64, have []bool, higher bool) (float64, bool) {
	best, found := 0.0, false
	for i, v := range vals {
		if !have[i] {
			continue
		}
		if !found || (higher && v > best) || (!higher && v < best) {
			best, found = v, true
		}
	}
	return best, found
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

// renderTable is the comparison table in markdown.
func renderTable(rows []tableRow) string {
	var b strings.Builder
	b.WriteString("| measure |")
	for _, k := range kinds {
		b.WriteString(" " + k.title + " |")
	}
	b.WriteString(" Corvus ÷ best peer | target | met |\n|---|")
	b.WriteString(strings.Repeat("---:|", len(kinds)))
	b.WriteString("---:|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.label, strings.Join(r.cells, " | "), r.ratio, r.target, r.met)
	}
	return b.String()
}

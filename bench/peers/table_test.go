package main

import (
	"strings"
	"testing"
)

func TestBuildRows(t *testing.T) {
	r := newResults()
	for _, f := range []struct {
		name string
		fig  figures
	}{
		{"Corvus", figures{"lmtp.rate": 900, "wake.p99": 4}},
		{"Corvus", figures{"lmtp.rate": 1000, "wake.p99": 6}},
		{"Corvus", figures{"lmtp.rate": 950, "wake.p99": 3}},
		{"Cyrus", figures{"lmtp.rate": 480, "wake.p99": 20}},
		{"Dovecot", figures{"lmtp.rate": 610, "wake.p99": 510}},
		{"Dovecot (hibernating)", figures{"idle.kB": 8.5}},
	} {
		r.add(f.name, f.fig)
	}
	specs := []rowSpec{
		{key: "lmtp.rate", label: "rate", higher: true, format: "%.0f", target: target{ratio: 1.5}},
		{key: "wake.p99", label: "p99", format: "%.1f", target: target{limit: 5}},
		{key: "idle.kB", label: "hib", hib: true, format: "%.1f", target: target{limit: 1}},
		{key: "session.rate", label: "absent", higher: true, format: "%.1f"},
	}
	rows := buildRows(r, specs)
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 3 (a row nobody measured is left out): %+v", len(rows), rows)
	}
	want := []tableRow{
		{label: "rate", cells: []string{"950", "480", "610"}, ratio: "1.56×", target: "≥ 1.5× best peer", met: "yes"},
		{label: "p99", cells: []string{"4.0", "20.0", "510.0"}, ratio: "0.20×", target: "≤ 5", met: "yes"},
		{label: "hib", cells: []string{"–", "–", "8.5"}, ratio: "–", target: "≤ 1", met: "–"},
	}
	for i, w := range want {
		g := rows[i]
		if g.label != w.label || strings.Join(g.cells, ",") != strings.Join(w.cells, ",") || g.ratio != w.ratio || g.target != w.target || g.met != w.met {
			t.Errorf("row %d = %+v, want %+v", i, g, w)
		}
	}
	md := renderTable(rows)
	if !strings.Contains(md, "| rate | 950 | 480 | 610 | 1.56× | ≥ 1.5× best peer | yes |") {
		t.Errorf("table lacks the rate row:\n%s", md)
	}
	if describeMisses(rows) != "" {
		t.Errorf("misses reported with every target met: %q", describeMisses(rows))
	}
}

func TestMet(t *testing.T) {
	tests := []struct {
		sp           rowSpec
		corvus, best float64
		haveBest     bool
		want         string
	}{
		{rowSpec{target: target{ratio: 1.5}}, 149, 100, true, "**no**"},
		{rowSpec{target: target{ratio: 1.5}}, 150, 100, true, "yes"},
		{rowSpec{target: target{ratio: 1.5}}, 150, 0, false, ""},
		{rowSpec{target: target{limit: 2}}, 2.01, 0, false, "**no**"},
		{rowSpec{target: target{limit: 2}}, 2, 0, false, "yes"},
		{rowSpec{}, 1, 2, true, ""},
	}
	for _, tt := range tests {
		if got := tt.sp.met(tt.corvus, tt.best, tt.haveBest); got != tt.want {
			t.Errorf("met(%v, %v, %v) with %+v = %q, want %q", tt.corvus, tt.best, tt.haveBest, tt.sp.target, got, tt.want)
		}
	}
}

func TestBestPeer(t *testing.T) {
	vals, have := []float64{3, 7, 5}, []bool{true, false, true}
	if b, ok := bestPeer(vals, have, true); !ok || b != 5 {
		t.Errorf("highest = %v %v, want 5", b, ok)
	}
	if b, ok := bestPeer(vals, have, false); !ok || b != 3 {
		t.Errorf("lowest = %v %v, want 3", b, ok)
	}
	if _, ok := bestPeer(vals, []bool{false, false, false}, true); ok {
		t.Error("a best peer out of none")
	}
}

func TestInstanceName(t *testing.T) {
	if instanceName("dovecot", true) != "Dovecot (hibernating)" || instanceName("corvus", false) != "Corvus" || instanceName("x", false) != "x" {
		t.Error("instance names")
	}
}

package main

import "testing"

func TestKeepBoundsRepeats(t *testing.T) {
	var r results
	// A quiet run is always kept.
	if !r.keep("a", 0.05) {
		t.Fatal("quiet run not kept")
	}
	// A busy case is repeated maxCaseRepeats times, then kept anyway.
	for i := 0; i < maxCaseRepeats; i++ {
		if r.keep("a", 0.5) {
			t.Fatalf("busy run %d kept before its repeats were used", i)
		}
	}
	if !r.keep("a", 0.5) {
		t.Fatal("busy run not kept after maxCaseRepeats repeats")
	}
	// Other cases share the global budget.
	for i := 0; r.repeated < maxRepeats; i++ {
		r.keep(string(rune('b'+i)), 0.5)
	}
	if !r.keep("z", 0.5) {
		t.Fatal("busy run not kept once the global budget is spent")
	}
	if len(r.foreign) != 3 || r.repeated != maxRepeats {
		t.Fatalf("kept %d runs, %d repeats; want 3 kept, %d repeats", len(r.foreign), r.repeated, maxRepeats)
	}
}

package main

import "testing"

func TestParseStat(t *testing.T) {
	tests := []struct {
		line string
		want statLine
		ok   bool
	}{
		{"123 (echoworker) S 100 100 100 0 -1 4194560", statLine{'S', 100, 100}, true},
		{"7 (a b) c)) R 1 7 7 0", statLine{'R', 1, 7}, true}, // name with spaces and ')'
		{"9 (z) Z 3 4", statLine{'Z', 3, 4}, true},
		{"9 (z) S x 4", statLine{}, false},
		{"9 (z) S 3", statLine{}, false},
		{"no parenthesis", statLine{}, false},
		{"", statLine{}, false},
	}
	for _, tt := range tests {
		got, ok := parseStat([]byte(tt.line))
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseStat(%q) = %+v, %v; want %+v, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

func TestStatusField(t *testing.T) {
	status := []byte("Name:\tx\nvoluntary_ctxt_switches:\t42\nnonvoluntary_ctxt_switches:\t7\n")
	if got := statusField(status, "voluntary_ctxt_switches:"); got != 42 {
		t.Errorf("voluntary = %d, want 42", got)
	}
	if got := statusField(status, "nonvoluntary_ctxt_switches:"); got != 7 {
		t.Errorf("nonvoluntary = %d, want 7", got)
	}
	if got := statusField(status, "missing:"); got != 0 {
		t.Errorf("missing = %d, want 0", got)
	}
}

func TestSwitchesSince(t *testing.T) {
	before := map[int]int64{1: 10, 2: 5, 3: 100}
	after := map[int]int64{1: 15, 2: 5, 4: 7} // 3 exited, 4 is new
	if got := switchesSince(before, after); got != 12 {
		t.Fatalf("switchesSince = %d, want 12", got)
	}
}

func TestAllSleeping(t *testing.T) {
	if !allSleeping(nil) || !allSleeping([]kid{{1, 'S'}, {2, 'S'}}) || allSleeping([]kid{{1, 'S'}, {2, 'R'}}) {
		t.Fatal("allSleeping wrong")
	}
}

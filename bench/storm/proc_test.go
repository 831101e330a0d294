package main

import (
	"testing"

	"github.com/corvusmail/corvus/bench/procstat"
)

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
	tests := []struct {
		kids []procstat.Proc
		want bool
	}{
		{nil, true},
		{[]procstat.Proc{{PID: 1, State: 'S'}, {PID: 2, State: 'S'}}, true},
		{[]procstat.Proc{{PID: 1, State: 'S'}, {PID: 2, State: 'R'}}, false},
		{[]procstat.Proc{{PID: 1, State: 'D'}}, false},
	}
	for _, tt := range tests {
		if got := allSleeping(tt.kids); got != tt.want {
			t.Errorf("allSleeping(%v) = %v, want %v", tt.kids, got, tt.want)
		}
	}
}

package main

import (
	"testing"
	"time"
)

func TestThawCounts(t *testing.T) {
	tests := []struct {
		n, reps, seq, burst int
		ws, wb              int
		err                 bool
	}{
		{1000, 3, 100, 100, 100, 100, false},
		{200, 3, 100, 100, 33, 33, false},
		{200, 1, 20, 20, 20, 20, false},
		{90, 3, 20, 10, 20, 10, false},
		{90, 3, 40, 20, 20, 10, false},
		{3, 3, 1, 1, 0, 0, true},
	}
	for _, tt := range tests {
		s, b, err := thawCounts(tt.n, tt.reps, tt.seq, tt.burst)
		if (err != nil) != tt.err || s != tt.ws || b != tt.wb {
			t.Errorf("thawCounts(%d, %d, %d, %d) = %d, %d, %v; want %d, %d (error %v)", tt.n, tt.reps, tt.seq, tt.burst, s, b, err, tt.ws, tt.wb, tt.err)
		}
		if err == nil && tt.reps*(s+b) > tt.n {
			t.Errorf("thawCounts(%d, …) thaws %d", tt.n, tt.reps*(s+b))
		}
	}
}

func TestTakeSample(t *testing.T) {
	ss := make([]*session, 5)
	for i := range ss {
		ss[i] = &session{user: i}
	}
	got := takeSample(&ss, 2)
	if len(got) != 2 || got[0].user != 3 || got[1].user != 4 || len(ss) != 3 {
		t.Fatalf("took %d (first user %d), left %d", len(got), got[0].user, len(ss))
	}
	if got := takeSample(&ss, 10); len(got) != 3 || len(ss) != 0 {
		t.Fatalf("took %d, left %d", len(got), len(ss))
	}
}

func TestThawRunAdd(t *testing.T) {
	var r thawRun
	r.add(thawResult{wait: time.Millisecond, ok: true, noopOK: true})
	r.add(thawResult{wait: 2 * time.Millisecond, ok: true})
	r.add(thawResult{})
	if len(r.waits) != 2 || r.failed != 1 || r.noopOK != 1 {
		t.Fatalf("thawRun = %+v", r)
	}
}

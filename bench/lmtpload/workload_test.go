package main

import (
	"slices"
	"testing"
	"time"
)

func TestRecipients(t *testing.T) {
	tests := []struct {
		k, n int
		want []string
	}{
		{0, 1, []string{"user0@lmtpload.example"}},
		{9, 1, []string{"user1@lmtpload.example"}},
		{6, 3, []string{"user6@lmtpload.example", "user7@lmtpload.example", "user0@lmtpload.example"}},
	}
	for _, tt := range tests {
		if got := recipients(tt.k, tt.n); !slices.Equal(got, tt.want) {
			t.Errorf("recipients(%d, %d) = %v, want %v", tt.k, tt.n, got, tt.want)
		}
	}
	// Round-robin: over 8·n messages every user gets the same share.
	count := map[string]int{}
	for k := range 8 * 3 {
		for _, r := range recipients(k, 3) {
			count[r]++
		}
	}
	for u, c := range count {
		if c != 9 {
			t.Errorf("%s got %d of 72 deliveries, want 9", u, c)
		}
	}
}

func TestRunResultAdd(t *testing.T) {
	var r runResult
	r.add(outcome{delivered: 1, wait: time.Millisecond}, false)                    // warm-up
	r.add(outcome{delivered: 3, wait: 2 * time.Millisecond}, true)                 // counted
	r.add(outcome{delivered: 2, failed: 1, refusal: "452 4.2.2 Over quota"}, true) // partly refused
	r.add(outcome{failed: 1, refusal: "550 5.1.1 User unknown"}, true)
	if r.stored != 6 || r.deliveries != 5 || r.failed != 2 || r.messages != 1 {
		t.Errorf("after add: stored %d deliveries %d failed %d messages %d; want 6 5 2 1", r.stored, r.deliveries, r.failed, r.messages)
	}
	if len(r.waits) != 1 || r.waits[0] != 2*time.Millisecond {
		t.Errorf("waits %v, want only the fully delivered message's", r.waits)
	}
	if r.refusal != "452 4.2.2 Over quota" {
		t.Errorf("refusal %q, want the first one", r.refusal)
	}
}

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/bench/resultsmd"
)

func TestSection(t *testing.T) {
	s := settings{command: "make bench", reps: 1, clients: 8, messages: 1000, warm: time.Second, dur: 10 * time.Second, appends: 10, msgSize: 5120, prefork: 10, memFork: 20}
	tests := []struct {
		name                 string
		sessions, appends    int
		wantLoop, wantAppend string
	}{
		{"both miss", 100, 500, "10.0 sessions/s (0.11× Dovecot's figure; it misses", "500 APPENDs/s (0.63× Dovecot's; it misses"},
		{"both meet", 1400, 1200, "140.0 sessions/s (1.56× Dovecot's figure; it meets", "1200 APPENDs/s (1.52× Dovecot's; it meets"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := results{
				messages: 1000,
				loops:    []loopResult{{sessions: tt.sessions, elapsed: 10 * time.Second, times: []time.Duration{time.Millisecond}}},
				appends:  []appendResult{{n: tt.appends, elapsed: time.Second, times: []time.Duration{time.Millisecond}}},
				mem:      memResult{idlePSS: []float64{2000, 3000}, idleRSS: []float64{9000, 9000}},
			}
			out := r.section(s, resultsmd.Machine{}, time.Unix(0, 0), time.Minute)
			if !strings.HasPrefix(out, sectionHeading+"\n") {
				t.Errorf("section does not start with its heading:\n%s", out)
			}
			for _, want := range []string{tt.wantLoop, tt.wantAppend, "measured earlier by others", "| idle worker, median of 2 (PSS min–max 2000–3000) | **2500** |"} {
				if !strings.Contains(out, want) {
					t.Errorf("section lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/bench/resultsmd"
)

// fakeRun makes a runResult of n messages with rcpts recipients each over a
// 10 s window.
func fakeRun(n, rcpts int, busy float64) runResult {
	return runResult{
		messages: n, deliveries: n * rcpts, elapsed: 10 * time.Second, busy: busy,
		selfCPU: time.Second, waits: []time.Duration{time.Millisecond, 3 * time.Millisecond}, wholes: []time.Duration{2 * time.Millisecond},
	}
}

func TestSection(t *testing.T) {
	s := settings{command: "make bench", args: []string{"-out", "bench/RESULTS.md"}, reps: 1, clients: 8, prefork: 8, warm: time.Second, dur: 10 * time.Second, unix: true}
	tests := []struct {
		name      string
		main      runResult
		want, not []string
	}{
		{
			name: "meets, CPU-bound",
			main: fakeRun(10000, 1, 0.95),
			want: []string{"| TCP, 1 recipient | **1000** | 1000 | 1.0 | 3.0 | 2.0 | 2.0 | 0 | 95 % | 1000 |",
				"delivered 1000 messages/s over TCP with one recipient each, 1.64× Dovecot's figure and 2.08× Cyrus's; it meets the target",
				"2 CPUs were 95 % busy (lmtpload itself 5 % of them), about 1.8 ms of CPU per message", "bound by CPU",
				"made 1500 deliveries/s (500 messages/s), 1.50× the one-recipient deliveries/s. Each extra recipient cost 50 %",
				"Over the unix socket lmtpd took 1200 messages/s, 1.20× the TCP figure"},
		},
		{
			name: "misses, waiting",
			main: fakeRun(5000, 1, 0.40),
			want: []string{"delivered 500 messages/s", "0.82× Dovecot's figure", "it misses the target", "spent much of their time waiting", "p50 wait after the final dot was 1.0 ms"},
			not:  []string{"bound by CPU"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := results{
				cases:   cases(true),
				runs:    [][]runResult{{tt.main}, {fakeRun(5000, 3, 0.9)}, {fakeRun(12000, 1, 0.9)}},
				busy:    []float64{0.01, 0.02},
				stored:  123,
				replied: 123,
			}
			out := r.section(s, resultsmd.Machine{CPUs: 2}, time.Unix(0, 0), time.Minute)
			if !strings.HasPrefix(out, sectionHeading+"\n") {
				t.Errorf("section does not start with its heading:\n%s", out)
			}
			for _, w := range append(tt.want, "runs `go run ./bench/lmtpload -out bench/RESULTS.md`", "summed to 123", "measured earlier by others", "medians over 1 run.") {
				if !strings.Contains(out, w) {
					t.Errorf("section lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(out, w) {
					t.Errorf("section has %q:\n%s", w, out)
				}
			}
		})
	}
}

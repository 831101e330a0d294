package main

import (
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/bench/resultsmd"
)

// ms makes n wake-ups of d milliseconds each.
func ms(n int, d float64) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = time.Duration(d * float64(time.Millisecond))
	}
	return out
}

// fakeRun is a run of 10 deliveries with 4 sessions each, all woken
// after wait ms, the first of each after first ms, with cpu ms of imapd
// CPU per wake-up.
func fakeRun(wait, first, cpu float64, missed int) runResult {
	return runResult{
		deliveries: 10, waits: ms(40-missed, wait), firsts: ms(10, first), missed: missed,
		cpu:     serverCPU{"imapd": time.Duration(cpu * 40 * float64(time.Millisecond)), "idled": 4 * time.Millisecond},
		foreign: 0.02, elapsed: time.Second,
	}
}

func fakeResults(warm runResult, cold runResult) results {
	return results{
		clients: 40, users: 10, forked: 2 * time.Second, idling: 3 * time.Second,
		cold: cold, warm: []runResult{warm, warm, warm},
		mem: memResult{
			pinned: procMem{n: 40, pss: 40 * 3000}, spare: procMem{n: 50, pss: 50 * 2000},
			idled: procMem{n: 1, pss: 5000}, master: procMem{n: 1, pss: 6000},
		},
		pollRan: true, pollSessions: 16, poll: runResult{deliveries: 4, waits: ms(1, 1200), missed: 15}, pollIdled: 70 * time.Second,
		busy: []float64{0.01, 0.03},
		rest: serverCPU{"imapd": 2 * time.Millisecond},
	}
}

func TestSection(t *testing.T) {
	s := settings{command: "make bench", args: []string{"-out", "bench/RESULTS.md"}, reps: 3, clients: 40, users: 10,
		deliveries: 10, wakeCap: 5 * time.Second, pollWait: 3 * time.Second, gap: 10 * time.Millisecond, settle: time.Second}
	tests := []struct {
		name      string
		r         results
		want, not []string
	}{
		{
			name: "meets at this size",
			r:    fakeResults(fakeRun(2, 1, 0.5, 0), fakeRun(3, 1, 0.5, 0)),
			want: []string{"| idled, 40 sessions, timed runs | 30 | 120 | 2.00 | 2.00 | **2.00** | 2.00 | 0 | 0 | 2.00 / 2.00 / 2.00 |",
				"the p99 was 2.00 ms", "which meets it at this size; only a run with -clients 1000 settles the target",
				"none waited for the poll", "with no session missed",
				"Without idled 1 of 16 sessions saw their delivery within 3s. A 3s wait catches a poll every 60 s 5 % of the time",
				"| no idled | 16 | 4 | 16 | 1 | 1200 | 1200 |",
				"| imapd serving an IDLE | 40 | 117.2 | 3000 | 3000 |", "| imapd spare (ready for a client) | 50 | 97.7 | 2000 | 2500 |",
				"| imapd | 2.0 | 1.80 | 0.45 |", "| idled | 0.0 | 0.40 | 0.10 |",
				"A wake-up cost 0.45 ms of imapd CPU, so one delivery's wake-ups take at least 0.90 ms",
				"used 2.0 ms of CPU per second (0.1 % of the 2 CPUs, 50.0 µs per second per session)", "within the 5 ms target",
				"1000 idling clients cost about 2.9 GB", "other programs took 2 / 2 / 2 %", "prefork=40 maxchild=90", "(4 per INBOX)"},
			not: []string{"misses", "skipped", "Other programs took"},
		},
		{
			name: "misses: slow, missed sessions, cold misses, CPU floor",
			r: func() results {
				r := fakeResults(fakeRun(20, 9, 4, 2), fakeRun(30, 9, 4, 3))
				r.clients = 1000
				r.pollRan = false
				r.rest = serverCPU{"imapd": 0}
				for i := range r.warm {
					r.warm[i].foreign = 0.4
				}
				return r
			}(),
			want: []string{"p99 was 20.00 ms", "which misses it.", "6 of 120 session wake-ups (5.0 %)", "left to the 60 s poll",
				"but 3 of 40 sessions were missed", "at least 8.42 ms", "over the 5 ms target by themselves",
				"a wake-up must cost under 2.50 ms", "The case without idled was skipped",
				"At rest the 1000 idling imapd workers used no CPU that schedstat could see.",
				"Other programs took 40 % of the CPUs during the timed runs (median)"},
			not: []string{"-clients 1000 settles", "| no idled |"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := tt.r.section(s, resultsmd.Machine{CPUs: 2}, time.Unix(0, 0), time.Minute)
			if !strings.HasPrefix(out, sectionHeading+"\n") {
				t.Errorf("section does not start with its heading:\n%s", out)
			}
			for _, w := range append(tt.want, "runs `go run ./bench/idleload -out bench/RESULTS.md`", "### Interpretation") {
				if !strings.Contains(out, w) {
					t.Errorf("section lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "  ") {
				t.Errorf("section has a double space:\n%s", out)
			}
			for _, w := range tt.not {
				if strings.Contains(out, w) {
					t.Errorf("section has %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestPerUserText(t *testing.T) {
	tests := []struct {
		clients, users int
		want           string
	}{{200, 50, "4"}, {201, 50, "4–5"}, {5, 5, "1"}}
	for _, tt := range tests {
		if got := perUserText(tt.clients, tt.users); got != tt.want {
			t.Errorf("perUserText(%d, %d) = %q, want %q", tt.clients, tt.users, got, tt.want)
		}
	}
}

func TestForeign(t *testing.T) {
	a := machineCPU{busy: 10 * time.Second, total: 100 * time.Second, self: time.Second, ok: true}
	b := machineCPU{busy: 16 * time.Second, total: 120 * time.Second, self: 2 * time.Second, ok: true}
	tests := []struct {
		name   string
		a, b   machineCPU
		server time.Duration
		want   float64
	}{
		{"others took 1 of 20 s", a, b, 4 * time.Second, 0.05},
		{"ours exceeds busy", a, b, 10 * time.Second, 0},
		{"unknown", machineCPU{}, b, 0, -1},
		{"no time passed", a, a, 0, -1},
	}
	for _, tt := range tests {
		if got := foreign(tt.a, tt.b, tt.server); got < tt.want-1e-9 || got > tt.want+1e-9 {
			t.Errorf("%s: foreign = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestColdSentence(t *testing.T) {
	w := figures([]runResult{fakeRun(2, 1, 0.5, 0)})
	busyCold := fakeRun(30, 9, 0.5, 0)
	busyCold.foreign = 0.5
	tests := []struct {
		name string
		cold runResult
		want string
	}{
		{"like the timed runs", fakeRun(3, 1, 0.5, 0), "with no session missed: 1s after IDLE began"},
		{"slower, machine quiet", fakeRun(30, 9, 0.5, 0), "so a session's first wake-up costs extra; none was missed."},
		{"slower, machine busy", busyCold, "other programs took 50 % of the CPUs meanwhile"},
		{"missed", fakeRun(3, 1, 0.5, 2), "but 2 of 40 sessions were missed"},
	}
	for _, tt := range tests {
		if got := coldSentence(tt.cold, w, time.Second); !strings.Contains(got, tt.want) {
			t.Errorf("%s: coldSentence = %q, want %q in it", tt.name, got, tt.want)
		}
	}
}

func TestPollSentence(t *testing.T) {
	s := settings{pollWait: 3 * time.Second}
	p := runResult{deliveries: 4, missed: 16}
	if got := pollSentence(p, s, 20*time.Second); !strings.Contains(got, "0 of 16 sessions") || !strings.Contains(got, "No session had idled longer than 20 s") {
		t.Errorf("pollSentence, short case = %q", got)
	}
	if got := pollSentence(p, s, 2*time.Minute); !strings.Contains(got, "5 % of the time") || strings.Contains(got, "No session") {
		t.Errorf("pollSentence, long case = %q", got)
	}
	if got := pollSentence(runResult{}, s, 0); got != "" {
		t.Errorf("pollSentence, no pairs = %q", got)
	}
}

package cyrusconf

import (
	"testing"
	"time"
)

func events(lines ...string) string {
	s := "EVENTS {\n"
	for _, l := range lines {
		s += l + "\n"
	}
	return s + "}\n"
}

func TestEventValues(t *testing.T) {
	cfg, diags := parse(events(
		`checkpoint cmd="ctl_cyrusdb -c" period=30`,
		`delprune cmd="cyr_expire -E 3" at=0400`,
		`short cmd=x at=5`,
		`late cmd=x at=2359`,
		`weekly cmd=x cron="15 3 * * sun"`,
		`once cmd=x`,
		`zero cmd=x period=0`,
	))
	noErrors(t, diags)
	if len(diags) != 0 {
		t.Errorf("unexpected warnings:\n%s", render(diags))
	}
	if len(cfg.Events) != 7 {
		t.Fatalf("got %d events", len(cfg.Events))
	}
	e := cfg.Events
	if e[0].Period != 30 || e[0].At != nil || e[0].Cron != nil {
		t.Errorf("checkpoint = %+v", e[0])
	}
	if e[1].At == nil || *e[1].At != (TimeOfDay{4, 0}) || e[1].At.String() != "04:00" {
		t.Errorf("delprune at = %v", e[1].At)
	}
	if e[2].At == nil || *e[2].At != (TimeOfDay{0, 5}) {
		t.Errorf("at=5 = %v", e[2].At)
	}
	if e[3].At == nil || *e[3].At != (TimeOfDay{23, 59}) {
		t.Errorf("at=2359 = %v", e[3].At)
	}
	if e[4].Cron == nil || e[4].Cron.String() != "15 3 * * sun" {
		t.Errorf("weekly cron = %v", e[4].Cron)
	}
	for _, ev := range e[5:] {
		if ev.Period != 0 || ev.At != nil || ev.Cron != nil {
			t.Errorf("%s = %+v, want once at start-up", ev.Name, ev)
		}
	}
}

func TestEventDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		wants []want
	}{
		{"missing cmd", `e period=5`, []want{{errD, "Unable to find command for event", 2, 1, "EVENTS e has no cmd="}}},
		{"period and at", `e cmd=x period=5 at=0400`, []want{{errD, "Conflicting schedule", 2, 18, "period= and at="}}},
		{"cron then period", `e cmd=x cron="* * * * *" period=5`, []want{{errD, "Conflicting schedule", 2, 26, "cron= and period="}}},
		{"negative period", `e cmd=x period=-5`, []want{{errD, "Number out of range", 2, 16, ""}}},
		{"bad period", `e cmd=x period=30m`, []want{{errD, "Invalid number", 2, 16, "minutes"}}},
		{"at hour", `e cmd=x at=2400`, []want{{errD, "Invalid at time", 2, 12, "hour 24"}}},
		{"at minute", `e cmd=x at=0460`, []want{{errD, "Invalid at time", 2, 12, "minute 60"}}},
		{"at colon", `e cmd=x at=04:00`, []want{{errD, "Invalid at time", 2, 12, "HHMM"}}},
		{"at too long", `e cmd=x at=04000`, []want{{errD, "Invalid at time", 2, 12, "HHMM"}}},
		{"at empty", `e cmd=x at=`, []want{{errD, "Invalid at time", 2, 12, ""}}},
		{"cron fields", `e cmd=x cron="* * * *"`, []want{{errD, "Invalid cron expression", 2, 15, "want 5 fields"}}},
		{"cron field named", `e cmd=x cron="0 25 * * *"`, []want{{errD, "Invalid cron expression", 2, 15, `hour field "25"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, diags := parse(events(tt.line))
			checkDiags(t, diags, tt.wants)
			if len(cfg.Events) != 0 {
				t.Errorf("event with an error kept: %+v", cfg.Events[0])
			}
		})
	}
}

func TestNextRun(t *testing.T) {
	utc := time.UTC
	base := time.Date(2025, 3, 10, 12, 30, 15, 0, utc)
	cron, err := ParseCron("0 */6 * * *")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ev   Event
		want time.Time
		ok   bool
	}{
		{"period", Event{Period: 30}, base.Add(30 * time.Minute), true},
		{"at later today", Event{At: &TimeOfDay{13, 0}}, time.Date(2025, 3, 10, 13, 0, 0, 0, utc), true},
		{"at tomorrow", Event{At: &TimeOfDay{4, 0}}, time.Date(2025, 3, 11, 4, 0, 0, 0, utc), true},
		{"at same minute is tomorrow", Event{At: &TimeOfDay{12, 30}}, time.Date(2025, 3, 11, 12, 30, 0, 0, utc), true},
		{"cron", Event{Cron: cron}, time.Date(2025, 3, 10, 18, 0, 0, 0, utc), true},
		{"once", Event{}, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.ev.NextRun(base)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("%s: NextRun = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// TestNextRunAtLocal checks that at= is a wall-clock time in t's location,
// also across a DST change.
func TestNextRunAtLocal(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	// 2025-03-09 is the US spring-forward day.
	base := time.Date(2025, 3, 8, 23, 0, 0, 0, ny)
	got, ok := (&Event{At: &TimeOfDay{4, 0}}).NextRun(base)
	want := time.Date(2025, 3, 9, 4, 0, 0, 0, ny)
	if !ok || !got.Equal(want) || got.Hour() != 4 {
		t.Errorf("NextRun = %v, want %v", got, want)
	}
}

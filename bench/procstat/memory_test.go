package procstat

import (
	"os"
	"strings"
	"testing"
)

func TestParseRollup(t *testing.T) {
	const real = `55d0a0a00000-7ffd9b5ff000 ---p 00000000 00:00 0                          [rollup]
Rss:               12345 kB
Pss:                4567 kB
Pss_Anon:           3000 kB
Shared_Clean:       8000 kB
`
	tests := []struct {
		name, text string
		want       Memory
		ok         bool
	}{
		{"smaps_rollup", real, Memory{PSS: 4567, RSS: 12345}, true},
		{"only the two", "Pss: 1 kB\nRss: 2 kB\n", Memory{PSS: 1, RSS: 2}, true},
		{"no Pss", "Rss: 2 kB\n", Memory{}, false},
		{"Pss twice", "Pss: 1 kB\nPss: 1 kB\n", Memory{}, false},
		{"no unit", "Pss: 1\nRss: 2 kB\n", Memory{}, false},
		{"not a number", "Pss: x kB\nRss: 2 kB\n", Memory{}, false},
		{"negative", "Pss: -1 kB\nRss: 2 kB\n", Memory{}, false},
		{"empty", "", Memory{}, false},
	}
	for _, tt := range tests {
		got, err := ParseRollup(strings.NewReader(tt.text))
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("%s: ParseRollup = %+v, %v; want %+v, ok %v", tt.name, got, err, tt.want, tt.ok)
		}
	}
}

func TestReadMemorySelf(t *testing.T) {
	if _, err := os.Stat("/proc/self/smaps_rollup"); err != nil {
		t.Skip("no smaps_rollup on this kernel")
	}
	m, err := ReadMemory(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if m.PSS <= 0 || m.RSS < m.PSS {
		t.Errorf("ReadMemory(self) = %+v: want 0 < PSS ≤ RSS", m)
	}
	if _, err := ReadMemory(-1); err == nil {
		t.Error("ReadMemory(-1) succeeded")
	}
}

func TestComm(t *testing.T) {
	name, ok := Comm(os.Getpid())
	if !ok || name == "" || strings.Contains(name, "\n") {
		t.Errorf("Comm(self) = %q, %v", name, ok)
	}
	if _, ok := Comm(-1); ok {
		t.Error("Comm(-1) found a process")
	}
}

// FuzzParseRollup checks that no text makes ParseRollup panic and that
// what it accepts holds no negative size.
func FuzzParseRollup(f *testing.F) {
	f.Add("Rss: 2 kB\nPss: 1 kB\n")
	f.Add("Pss: 1 kB\nPss: 1 kB\n")
	f.Add("Pss:\nRss: 99999999999999999999 kB\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		m, err := ParseRollup(strings.NewReader(text))
		if err == nil && (m.PSS < 0 || m.RSS < 0) {
			t.Errorf("ParseRollup(%q) = %+v", text, m)
		}
	})
}

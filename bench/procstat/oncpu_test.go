package procstat

import (
	"os"
	"testing"
	"time"
)

func TestParseSchedstat(t *testing.T) {
	tests := []struct {
		line string
		want time.Duration
	}{
		{"123456789 2000 17\n", 123456789},
		{"5", 5},
		{"-5 1 1", 0},
		{"x 1 1", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := ParseSchedstat(tt.line); got != tt.want {
			t.Errorf("ParseSchedstat(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestOnCPUSelf(t *testing.T) {
	if _, err := os.Stat("/proc/self/task"); err != nil {
		t.Skip("no /proc")
	}
	// Spin until 20 ms of CPU time are counted; on a loaded machine that
	// takes longer than 20 ms of wall time, so only a generous bound
	// fails the test.
	before := OnCPU(os.Getpid())
	after := before
	for end := time.Now().Add(10 * time.Second); after-before < 20*time.Millisecond && time.Now().Before(end); {
		after = OnCPU(os.Getpid())
	}
	if after-before < 20*time.Millisecond {
		t.Errorf("OnCPU grew by %v over 10 s of spinning", after-before)
	}
	if OnCPU(-1) != 0 {
		t.Error("OnCPU(-1) is not 0")
	}
}

// FuzzParseSchedstat checks that no line makes ParseSchedstat panic or
// return a negative time.
func FuzzParseSchedstat(f *testing.F) {
	f.Add("123456789 2000 17\n")
	f.Add("-1")
	f.Add("99999999999999999999999")
	f.Add("")
	f.Fuzz(func(t *testing.T, line string) {
		if d := ParseSchedstat(line); d < 0 {
			t.Errorf("ParseSchedstat(%q) = %v", line, d)
		}
	})
}

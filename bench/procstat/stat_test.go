package procstat

import (
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		line string
		want Stat
		ok   bool
	}{
		{"123 (imapd) S 7 123 123 0", Stat{'S', 7, 123}, true},
		{"123 (echoworker) S 100 100 100 0 -1 4194560", Stat{'S', 100, 100}, true},
		{"5 (a) b) (c) R 1 9 9", Stat{'R', 1, 9}, true},
		{"7 (a b) c)) R 1 7 7 0", Stat{'R', 1, 7}, true}, // name with spaces and ')'
		{"9 (z) Z 3 4", Stat{'Z', 3, 4}, true},
		{"5 imapd S 1 2", Stat{}, false},
		{"5 (x) S one 2", Stat{}, false},
		{"9 (z) S 3", Stat{}, false},
		{"9 (z) SS 3 4", Stat{}, false},
		{"no parenthesis", Stat{}, false},
		{"", Stat{}, false},
	}
	for _, tt := range tests {
		got, ok := Parse([]byte(tt.line))
		if ok != tt.ok || got != tt.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFields(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"1 (x) S 1 2", []string{"S", "1", "2"}},
		{"1 (a) b) R", []string{"R"}},
		{"1 (x)", []string{}},
		{"1 x S", nil},
	}
	for _, tt := range tests {
		if got := Fields([]byte(tt.line)); !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("Fields(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// FuzzParse checks that no stat line makes Parse panic and that what it
// accepts has a one-letter state.
func FuzzParse(f *testing.F) {
	f.Add("123 (imapd) S 7 123 123 0")
	f.Add("7 (a b) c)) R 1 7 7 0")
	f.Add("9 (z) S x 4")
	f.Add(")")
	f.Add("")
	f.Fuzz(func(t *testing.T, line string) {
		st, ok := Parse([]byte(line))
		if ok && st.State == ' ' {
			t.Fatalf("accepted a blank state from %q", line)
		}
		if !ok && st != (Stat{}) {
			t.Fatalf("refused %q but returned %+v", line, st)
		}
	})
}

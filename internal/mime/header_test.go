package mime

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
)

func TestScanHeader(t *testing.T) {
	tests := []struct {
		name      string
		raw       string
		bodyStart int
		fields    []string
	}{
		{"crlf", "A: 1\r\nB: 2\r\n\r\nbody", 14, []string{"A", "B"}},
		{"bare lf", "A: 1\nB: 2\n\nbody", 11, []string{"A", "B"}},
		{"folded", "A: 1\r\n 2\r\nB: 3\r\n\r\n", 18, []string{"A", "B"}},
		{"no separator", "A: 1\r\nnot a field\r\n", 6, []string{"A"}},
		{"empty header", "\r\nbody", 2, nil},
		{"continuation first", " x\r\nA: 1\r\n", 0, nil},
		{"header only", "A: 1\r\nB: 2", 10, []string{"A", "B"}},
		{"obsolete space before colon", "A : 1\r\n\r\n", 9, []string{"A"}},
		{"8-bit name ends the header", "A: 1\r\nN\xe4me: x\r\n\r\n", 6, []string{"A"}},
		{"colon first ends the header", ": x\r\n\r\n", 0, nil},
		{"empty", "", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var names []string
			got := scanHeader([]byte(tt.raw), 0, len(tt.raw), func(f field) { names = append(names, string(f.name)) })
			if got != tt.bodyStart || !reflect.DeepEqual(names, tt.fields) {
				t.Errorf("scanHeader = %d, %q; want %d, %q", got, names, tt.bodyStart, tt.fields)
			}
		})
	}
}

func TestSplitParts(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"two parts", "pre\r\n--b\r\none\r\n--b\r\ntwo\r\n--b--\r\nepi", []string{"one", "two"}},
		{"no preamble", "--b\r\none\r\n--b--", []string{"one"}},
		{"padding after delimiter", "--b  \r\none\r\n--b--", []string{"one"}},
		{"longer boundary is no delimiter", "--b\r\none\r\n--bx\r\n--b--", []string{"one\r\n--bx"}},
		{"mid-line is no delimiter", "--b\r\nx--b\r\n--b--", []string{"x--b"}},
		{"empty part", "--b\r\n--b\r\ntwo\r\n--b--", []string{"", "two"}},
		{"missing close", "--b\r\none\r\n", []string{"one\r\n"}},
		{"none", "no delimiters", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range splitParts([]byte(tt.body), 0, len(tt.body), "b", 100) {
				got = append(got, tt.body[r[0]:r[1]])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("splitParts = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUnfold(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"  a\r\n b \r\n", 100, "a b"},
		{"a\n\tb", 100, "a\tb"},
		{"abcdef", 3, "abc"},
		{"aé", 2, "a"},   // a cut inside "é" drops the partial rune
		{"aéb", 3, "aé"}, // a cut after it keeps it
	}
	for _, tt := range tests {
		if got := unfold([]byte(tt.in), tt.max); got != tt.want {
			t.Errorf("unfold(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

// TestLongReferencesKeepsTail: the nearest ancestors survive the cap.
func TestLongReferencesKeepsTail(t *testing.T) {
	var refs []byte
	for i := 0; len(refs) < 2*maxFieldLen; i++ {
		refs = append(refs, fmt.Sprintf(" <id%d@example.com>", i)...)
	}
	raw := append(append([]byte("References:"), refs...), "\r\nIn-Reply-To: <last@example.com>\r\n\r\n"...)
	sum := Parse(raw).Summary()
	last := sum.References[len(sum.References)-1]
	if want := string(refs[bytes.LastIndexByte(refs, '<'):]); last != want {
		t.Errorf("last reference %q, want %q", last, want)
	}
}

package textmatch

import (
	"strings"
	"testing"
)

func TestContainsFold(t *testing.T) {
	for _, tt := range []struct {
		s, sub string
		want   bool
	}{
		{"Hello World", "world", true},
		{"Hello World", "WORLD", true},
		{"Hello World", "worlds", false},
		{"", "", true},
		{"abc", "", true},
		{"", "a", false},
		{"aaaaaaaaab", "AB", true},
		{"eeeeeeeeeeeeeeeE", "ee", true},
		{"xxxxxxxxxxxxxxxX", "xY", false},
		{"zzzz Zulu", "ZULU", true},
		{"Café crème", "CAFÉ", true},
		{"Café crème", "crème", true},
		{"naïve", "NAÏVE", true},
		{"ab", "abc", false},
		{"a\x80bc", "BC", true},
	} {
		if got := ContainsFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("ContainsFold(%q, %q) = %v, want %v", tt.s, tt.sub, got, tt.want)
		}
	}
}

// FuzzContainsFold checks the ASCII fast path against the obvious
// lower-casing test; they agree whenever s is ASCII too.
func FuzzContainsFold(f *testing.F) {
	f.Add("Hello World", "wORLD")
	f.Add("aaaaAAAAb", "Ab")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, s, sub string) {
		got := ContainsFold(s, sub)
		if isASCII(s) && isASCII(sub) && got != strings.Contains(strings.ToLower(s), strings.ToLower(sub)) {
			t.Errorf("ContainsFold(%q, %q) = %v", s, sub, got)
		}
	})
}

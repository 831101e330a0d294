package server

import "testing"

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pat, name string
		want      bool
	}{
		{"*", "a/b/c", true},
		{"%", "a/b", false},
		{"%", "a", true},
		{"a/%", "a/b", true},
		{"a/%", "a/b/c", false},
		{"a*c", "a/b/c", true},
		{"a%c", "a/c", false},
		{"INBOX", "INBOX", true},
		{"", "INBOX", false},
		{"**%*%", "x/y", true},
		{"Entw*", "Entwürfe", true},
	}
	for _, tt := range tests {
		if got := matchPattern(tt.pat, tt.name); got != tt.want {
			t.Errorf("match(%q, %q) = %v", tt.pat, tt.name, got)
		}
	}
}

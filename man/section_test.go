package man

import "testing"

func TestSection(t *testing.T) {
	page := ".TH X 8\n.SH NAME\nx \\- y\n.SH OPTIONS\n.TP\n.B \\-a\nA.\n.SH SEE ALSO\nz\n"
	tests := []struct{ name, want string }{
		{"NAME", "NAME\nx \\- y"},
		{"OPTIONS", "OPTIONS\n.TP\n.B \\-a\nA."},
		{"SEE ALSO", "SEE ALSO\nz\n"},
		{"FILES", ""},
	}
	for _, tt := range tests {
		if got := Section(page, tt.name); got != tt.want {
			t.Errorf("Section(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

package man

import "testing"

func TestOptionEntry(t *testing.T) {
	opts := ".TP\n.BI \\-U \" uses\"\nThe default is 250.\n.TP\n.B \\-s\nTLS.\n"
	tests := []struct {
		mark, want string
		ok         bool
	}{
		{`\-U`, "The default is 250.\n", true},
		{`\-s`, "TLS.\n", true},
		{`\-S`, "", false},
		{`\-`, "", false},
	}
	for _, tt := range tests {
		got, ok := OptionEntry(opts, tt.mark)
		if got != tt.want || ok != tt.ok {
			t.Errorf("OptionEntry(%q) = %q, %v; want %q, %v", tt.mark, got, ok, tt.want, tt.ok)
		}
	}
}

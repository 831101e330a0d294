package service

import (
	"strings"
	"testing"
)

func TestFormatDebugCommand(t *testing.T) {
	args := []string{"imapd", "4242", "imaps"}
	tests := []struct{ format, want string }{
		{"", ""},
		{"gdb %s %d", "gdb imapd 4242"},
		{"xterm -e gdb %s %d & # %s", "xterm -e gdb imapd 4242 & # imaps"},
		{"100%% %s", "100% imapd"},
		{"%x %s", "%x imapd"},                  // unknown conversion kept
		{"%s %s %s %s", "imapd 4242 imaps %s"}, // more conversions than arguments
		{"trailing %", "trailing %"},
		{"%i/%u", "imapd/4242"},
	}
	for _, tt := range tests {
		if got := formatDebugCommand(tt.format, args...); got != tt.want {
			t.Errorf("formatDebugCommand(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
}

func FuzzFormatDebugCommand(f *testing.F) {
	for _, s := range []string{"gdb %s %d", "%%", "%", "%s%s%s%s", "%z%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		got := formatDebugCommand(format, "p", "1", "s")
		// Text without '%' passes through unchanged.
		if !strings.Contains(format, "%") && got != format {
			t.Fatalf("formatDebugCommand(%q) = %q", format, got)
		}
	})
}

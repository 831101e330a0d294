package main

import (
	"testing"

	"github.com/corvusmail/corvus/man"
)

// Every flag lmtpd parses is documented in lmtpd(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := newFlagSet()
	man.CheckFlags(t, "../man/lmtpd.8", fs, 6) // -C -U -T -D -X -a
}

func TestGreeting(t *testing.T) {
	for _, tt := range []struct{ info, want string }{
		{"off", ""}, {"min", "Corvus"}, {"on", "Corvus v"},
	} {
		if got := greeting(tt.info); len(got) < len(tt.want) || got[:len(tt.want)] != tt.want || (tt.want == "" && got != "") {
			t.Errorf("greeting(%q) = %q, want %q…", tt.info, got, tt.want)
		}
	}
}

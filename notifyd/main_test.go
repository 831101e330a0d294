package main

import (
	"strings"
	"testing"

	"github.com/corvusmail/corvus/man"
)

// Every flag notifyd parses is documented in notifyd(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := newFlagSet()
	man.CheckFlags(t, "../man/notifyd.8", fs, 6) // -C -U -T -D -X -m
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args       []string
		wantMethod string
		wantUses   int
	}{
		{nil, "null", 250},
		{[]string{"-m", "log"}, "log", 250},
		{[]string{"-U", "5", "-m", "MAILTO"}, "MAILTO", 5},
	}
	for _, tt := range tests {
		fs, cl := newFlagSet()
		if err := fs.Parse(tt.args); err != nil {
			t.Fatalf("Parse(%q): %v", tt.args, err)
		}
		if *cl.method != tt.wantMethod || cl.worker.MaxUses != tt.wantUses {
			t.Errorf("Parse(%q): -m %q -U %d, want %q %d", tt.args, *cl.method, cl.worker.MaxUses, tt.wantMethod, tt.wantUses)
		}
	}
}

func TestRefuseRoot(t *testing.T) {
	if err := refuseRoot(0); err == nil || !strings.Contains(err.Error(), "not root") {
		t.Errorf("refuseRoot(0) = %v, want a refusal", err)
	}
	if err := refuseRoot(1000); err != nil {
		t.Errorf("refuseRoot(1000) = %v", err)
	}
}

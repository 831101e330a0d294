package main

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/man"
)

// Every flag notifyd parses is documented in notifyd(8): in the SYNOPSIS,
// with a .TP entry in OPTIONS, and that entry states the default of a flag
// that takes a value other than zero (-U 250, -T 60, -C /etc/imapd.conf,
// -m null).
func TestEveryFlagInManPage(t *testing.T) {
	page, err := os.ReadFile("../man/notifyd.8")
	if err != nil {
		t.Fatal(err)
	}
	text := string(page)
	synopsis := man.Section(text, "SYNOPSIS")
	options := man.Section(text, "OPTIONS")
	fs, _ := newFlagSet()
	n := 0
	fs.VisitAll(func(f *flag.Flag) {
		n++
		mark := `\-` + f.Name
		if !strings.Contains(synopsis, ".RB [ "+mark) {
			t.Errorf("flag -%s missing from SYNOPSIS of notifyd.8", f.Name)
		}
		entry, ok := optionEntry(options, mark)
		if !ok {
			t.Errorf("flag -%s has no .TP entry in OPTIONS of notifyd.8", f.Name)
			return
		}
		if def := f.DefValue; def != "" && def != "0" && def != "false" &&
			!strings.Contains(strings.ReplaceAll(entry, `\-`, "-"), def) {
			t.Errorf("OPTIONS entry of -%s does not give its default %q", f.Name, def)
		}
	})
	if n != 6 {
		t.Errorf("%d flags registered, want 6 (-C -U -T -D -X -m)", n)
	}
}

// optionEntry returns the text of the .TP entry whose tag line is
// ".B mark" or ".BI mark …", up to the next .TP.
func optionEntry(options, mark string) (string, bool) {
	for _, tp := range strings.Split(options, ".TP\n")[1:] {
		tag, body, _ := strings.Cut(tp, "\n")
		if tag == ".B "+mark || strings.HasPrefix(tag, ".BI "+mark+" ") {
			return body, true
		}
	}
	return "", false
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

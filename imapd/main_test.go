package main

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/man"
)

// Every flag imapd parses is documented in imapd(8): in the SYNOPSIS, with
// a .TP entry in OPTIONS, and that entry states the default of a flag that
// takes a value other than zero (-U 250, -T 60, -C /etc/imapd.conf).
func TestEveryFlagInManPage(t *testing.T) {
	page, err := os.ReadFile("../man/imapd.8")
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
			t.Errorf("flag -%s missing from SYNOPSIS of imapd.8", f.Name)
		}
		entry, ok := optionEntry(options, mark)
		if !ok {
			t.Errorf("flag -%s has no .TP entry in OPTIONS of imapd.8", f.Name)
			return
		}
		if def := f.DefValue; def != "" && def != "0" && def != "false" &&
			!strings.Contains(unescape(entry), def) {
			t.Errorf("OPTIONS entry of -%s does not give its default %q", f.Name, def)
		}
	})
	if n != 9 {
		t.Errorf("%d flags registered, want 9 (-C -U -T -D -X -s -N -p -q)", n)
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

// unescape turns roff's escaped minus back into a hyphen so defaults such
// as paths compare as written.
func unescape(s string) string { return strings.ReplaceAll(s, `\-`, "-") }

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
		got, ok := optionEntry(opts, tt.mark)
		if got != tt.want || ok != tt.ok {
			t.Errorf("optionEntry(%q) = %q, %v; want %q, %v", tt.mark, got, ok, tt.want, tt.ok)
		}
	}
}

package main

import (
	"flag"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/man"
)

// Every flag master parses is documented in master(8), in OPTIONS and in
// the SYNOPSIS.
func TestEveryFlagInManPage(t *testing.T) {
	page, err := os.ReadFile("../man/master.8")
	if err != nil {
		t.Fatal(err)
	}
	text := string(page)
	synopsis := man.Section(text, "SYNOPSIS")
	options := man.Section(text, "OPTIONS")
	fs, _ := newFlagSet(io.Discard)
	n := 0
	fs.VisitAll(func(f *flag.Flag) {
		n++
		mark := `\-` + f.Name
		if !strings.Contains(synopsis, mark) {
			t.Errorf("flag -%s missing from SYNOPSIS of master.8", f.Name)
		}
		if !strings.Contains(options, `.B `+mark) && !strings.Contains(options, `.BI `+mark) && !strings.Contains(options, `.BR `+mark) {
			t.Errorf("flag -%s has no .TP entry in OPTIONS of master.8", f.Name)
		}
	})
	if n < 12 {
		t.Fatalf("only %d flags registered", n)
	}
}

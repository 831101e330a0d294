package man

import (
	"flag"
	"os"
	"strings"
	"testing"
)

// CheckFlags is the programs' man page test: every flag of fs must be in
// the SYNOPSIS of the page at path (as ".RB [ \-x"), have a .TP entry in
// OPTIONS, and that entry must state the default of a flag whose default
// is not zero (-U 250, -C /etc/imapd.conf). want is how many flags the
// program should have, so that a flag added without its page is noticed.
func CheckFlags(t testing.TB, path string, fs *flag.FlagSet, want int) {
	t.Helper()
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(page)
	synopsis, options := Section(text, "SYNOPSIS"), Section(text, "OPTIONS")
	n := 0
	fs.VisitAll(func(f *flag.Flag) {
		n++
		mark := `\-` + f.Name
		if !strings.Contains(synopsis, ".RB [ "+mark) {
			t.Errorf("flag -%s missing from SYNOPSIS of %s", f.Name, path)
		}
		entry, ok := OptionEntry(options, mark)
		if !ok {
			t.Errorf("flag -%s has no .TP entry in OPTIONS of %s", f.Name, path)
			return
		}
		if def := f.DefValue; def != "" && def != "0" && def != "false" &&
			!strings.Contains(strings.ReplaceAll(entry, `\-`, "-"), def) {
			t.Errorf("OPTIONS entry of -%s in %s does not give its default %q", f.Name, path, def)
		}
	})
	if n != want {
		t.Errorf("%d flags registered, want %d", n, want)
	}
}

// OptionEntry returns the text of the .TP entry of an OPTIONS section
// whose tag line is ".B mark" or ".BI mark …", up to the next .TP.
func OptionEntry(options, mark string) (string, bool) {
	for _, tp := range strings.Split(options, ".TP\n")[1:] {
		tag, body, _ := strings.Cut(tp, "\n")
		if tag == ".B "+mark || strings.HasPrefix(tag, ".BI "+mark+" ") {
			return body, true
		}
	}
	return "", false
}

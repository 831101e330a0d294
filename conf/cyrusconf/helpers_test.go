package cyrusconf

import (
	"strings"
	"testing"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/hashicorp/hcl/v2"
)

const (
	errD  = hcl.DiagError
	warnD = hcl.DiagWarning
)

// want is one expected diagnostic: severity, a substring of the summary,
// where it points and, optionally, a substring of the detail.
type want struct {
	sev       hcl.DiagnosticSeverity
	summary   string
	line, col int
	detail    string
}

// parse parses src as test.conf.
func parse(src string) (*Config, hcl.Diagnostics) {
	return Parse([]byte(src), "test.conf")
}

// checkDiags fails unless got matches want one for one, in order.
func checkDiags(t *testing.T, got hcl.Diagnostics, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Errorf("got %d diagnostics, want %d:\n%s", len(got), len(wants), render(got))
		return
	}
	for i, w := range wants {
		d := got[i]
		ok := d.Severity == w.sev && strings.Contains(d.Summary, w.summary) &&
			d.Subject != nil && d.Subject.Filename == "test.conf" &&
			d.Subject.Start.Line == w.line && d.Subject.Start.Column == w.col &&
			strings.Contains(d.Detail, w.detail)
		if !ok {
			t.Errorf("diagnostic %d = %s\nwant sev %v, summary ~%q at %d:%d, detail ~%q",
				i, diagnostics.Short(d), w.sev, w.summary, w.line, w.col, w.detail)
		}
	}
}

// render lists diagnostics one per line for failure messages.
func render(d hcl.Diagnostics) string {
	var b strings.Builder
	for _, x := range d {
		b.WriteString("  " + diagnostics.Short(x) + "\n")
	}
	return b.String()
}

// noErrors fails on any error diagnostic.
func noErrors(t *testing.T, d hcl.Diagnostics) {
	t.Helper()
	if d.HasErrors() {
		t.Fatalf("unexpected errors:\n%s", render(d))
	}
}

// services wraps lines in a SERVICES section, starting on line 2.
func services(lines ...string) string {
	return "SERVICES {\n" + strings.Join(lines, "\n") + "\n}\n"
}

package imapdconf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/hashicorp/hcl/v2"
)

// wantDiag is an expected diagnostic: severity, a substring of its summary
// and where it points.
type wantDiag struct {
	sev       hcl.DiagnosticSeverity
	summary   string
	line, col int
}

func werr(summary string, line, col int) wantDiag {
	return wantDiag{hcl.DiagError, summary, line, col}
}

func wwarn(summary string, line, col int) wantDiag {
	return wantDiag{hcl.DiagWarning, summary, line, col}
}

// withConfigDir appends the required configdirectory line after src, so
// line numbers in src are unchanged.
func withConfigDir(src string) string {
	if src != "" && !strings.HasSuffix(src, "\n") {
		src += "\n"
	}
	return src + "configdirectory: /cfg\n"
}

// parseTest parses src (with configdirectory added) as test.conf.
func parseTest(t *testing.T, src string) (*Config, hcl.Diagnostics) {
	t.Helper()
	return Parse([]byte(withConfigDir(src)), "test.conf", &diagnostics.Sources{})
}

// checkDiags compares diagnostics with the expected ones, in order.
func checkDiags(t *testing.T, got hcl.Diagnostics, want []wantDiag) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), render(got))
	}
	for i, w := range want {
		g := got[i]
		if g.Severity != w.sev || !strings.Contains(g.Summary, w.summary) {
			t.Errorf("diag %d: got %s, want severity %v summary containing %q", i, diagnostics.Short(g), w.sev, w.summary)
			continue
		}
		if g.Subject == nil || g.Subject.Start.Line != w.line || g.Subject.Start.Column != w.col {
			t.Errorf("diag %d: got %s, want at %d:%d", i, diagnostics.Short(g), w.line, w.col)
		}
	}
}

func render(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintln(&b, diagnostics.Short(d))
	}
	return b.String()
}

// mustPanic fails unless f panics.
func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: did not panic", name)
		}
	}()
	f()
}

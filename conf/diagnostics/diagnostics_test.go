package diagnostics

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// diag is a diagnostic at line:col; byte is the offset hcl uses to find
// the source line.
func diag(sev hcl.DiagnosticSeverity, line, col, byte int) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: sev, Summary: "Invalid number", Detail: "expected a number",
		Subject: &hcl.Range{Filename: "cyrus.conf",
			Start: hcl.Pos{Line: line, Column: col, Byte: byte},
			End:   hcl.Pos{Line: line, Column: col + 4, Byte: byte + 4}},
	}
}

func TestWriteHasLocationAndSource(t *testing.T) {
	var srcs Sources
	srcs.Add("cyrus.conf", []byte("SERVICES {\n  imap prefork=lots\n}\n"))
	var buf bytes.Buffer
	if err := Write(&buf, hcl.Diagnostics{diag(hcl.DiagError, 2, 16, 26)}, &srcs, 0); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"cyrus.conf:2:16: error: Invalid number", "imap prefork=lots", "expected a number"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestShort(t *testing.T) {
	tests := []struct {
		d    *hcl.Diagnostic
		want string
	}{
		{diag(hcl.DiagError, 3, 7, 0), "cyrus.conf:3:7: error: Invalid number; expected a number"},
		{diag(hcl.DiagWarning, 1, 1, 0), "cyrus.conf:1:1: warning: Invalid number; expected a number"},
		{&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "configdirectory not set"}, "error: configdirectory not set"},
	}
	for _, tt := range tests {
		if got := Short(tt.d); got != tt.want {
			t.Errorf("Short = %q, want %q", got, tt.want)
		}
	}
}

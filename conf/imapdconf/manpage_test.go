package imapdconf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const checkedInPage = "../../man/imapd.conf.5"

func manPage(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteManPage(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestManPageUpToDate(t *testing.T) {
	want, err := os.ReadFile(checkedInPage)
	if err != nil {
		t.Fatalf("%v; run make man", err)
	}
	if manPage(t) != string(want) {
		t.Fatalf("%s is out of date with the option table; run make man", checkedInPage)
	}
}

func TestManPageContent(t *testing.T) {
	page := manPage(t)
	for _, o := range Options() {
		if !strings.Contains(page, `\fB`+roffLiteral(o.Name)+`:\fR`) {
			t.Errorf("option %s is missing from the page", o.Name)
		}
		if o.Corvus && !strings.Contains(page, roffLiteral(o.Name)+":\\fR \\fI"+roffLiteral(o.Default)+"\\fR\n"+roffText(o.Doc)+"\nType \\fB"+o.Type.String()+"\\fR; Corvus extension.") {
			t.Errorf("option %s is not marked as a Corvus extension", o.Name)
		}
	}
	for _, s := range []string{
		".TH IMAPD.CONF 5", ".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS",
		".SH COMPATIBILITY", ".SH FILES", ".SH SEE ALSO", "/etc/imapd.conf",
		".BR master (8)", ".BR cyrus.conf (5)", ".BR imapd (8)",
		"@include", "0600", "master \\-t",
		"the other " + strconv.Itoa(len(NotImplemented())) + " options",
		`\fBtimeout:\fR \fI32m\fR`,
		`\fBautocreate_quota:\fR \fI\-1\fR`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	for i, l := range strings.Split(page, "\n") {
		if strings.HasPrefix(l, "'") || strings.HasPrefix(l, " ") {
			t.Errorf("line %d starts with a quote or space: %q", i+1, l)
		}
	}
}

func TestManPageLint(t *testing.T) {
	mandoc, err := exec.LookPath("mandoc")
	if err != nil {
		t.Fatal("mandoc not found; install mandoc")
	}
	path := filepath.Join(t.TempDir(), "imapd.conf.5")
	if err := os.WriteFile(path, []byte(manPage(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(mandoc, "-T", "lint", "-W", "warning", path).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Fatalf("mandoc -T lint: %v\n%s", err, out)
	}
}

func TestRoffEscape(t *testing.T) {
	tests := []struct{ in, text, literal string }{
		{"plain", "plain", "plain"},
		{`a\b`, `a\eb`, `a\eb`},
		{".start", `\&.start`, `\&.start`},
		{"'quote", `\&'quote`, `\&'quote`},
		{"partition-name", "partition-name", `partition\-name`},
		{"-1", "-1", `\-1`},
	}
	for _, tt := range tests {
		if got := roffText(tt.in); got != tt.text {
			t.Errorf("roffText(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := roffLiteral(tt.in); got != tt.literal {
			t.Errorf("roffLiteral(%q) = %q, want %q", tt.in, got, tt.literal)
		}
	}
}

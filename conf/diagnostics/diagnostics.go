// Package diagnostics keeps the source text of every configuration file read
// and renders hcl.Diagnostics against it, so that an error in cyrus.conf or
// imapd.conf is shown with file:line:col and the offending source line.
//
// Both config parsers (cyrusconf and imapdconf) report problems as
// hcl.Diagnostics; this package is the one place that turns them into text.
package diagnostics

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
)

// Sources remembers the bytes of each file a parser read, keyed by the file
// name used in the diagnostics' ranges. The zero value is ready to use and
// safe for concurrent use.
type Sources struct {
	mu    sync.Mutex
	files map[string]*hcl.File
}

// Add records src as the content of the file called name.
func (s *Sources) Add(name string, src []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files == nil {
		s.files = make(map[string]*hcl.File)
	}
	s.files[name] = &hcl.File{Bytes: src}
}

// Files returns the recorded files in the form hcl's diagnostic writers take.
func (s *Sources) Files() map[string]*hcl.File {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]*hcl.File, len(s.files))
	for k, v := range s.files {
		out[k] = v
	}
	return out
}

// Write renders diags as text. Each diagnostic starts with a one-line
// "file:line:col: severity: summary" header (the form editors and grep
// understand; hcl's own text omits the column), followed by hcl's block
// with the source line and the detail. width 0 disables wrapping.
func Write(w io.Writer, diags hcl.Diagnostics, src *Sources, width uint) error {
	var files map[string]*hcl.File
	if src != nil {
		files = src.Files()
	}
	dw := hcl.NewDiagnosticTextWriter(w, files, width, false)
	for _, d := range diags {
		if _, err := fmt.Fprintln(w, header(d)); err != nil {
			return err
		}
		if err := dw.WriteDiagnostic(d); err != nil {
			return err
		}
	}
	return nil
}

// header is "file:line:col: severity: summary".
func header(d *hcl.Diagnostic) string {
	var b strings.Builder
	if d.Subject != nil {
		fmt.Fprintf(&b, "%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
	}
	fmt.Fprintf(&b, "%s: %s", severity(d), d.Summary)
	return b.String()
}

func severity(d *hcl.Diagnostic) string {
	if d.Severity == hcl.DiagWarning {
		return "warning"
	}
	return "error"
}

// Short renders each diagnostic on one line as "file:line:col: severity:
// summary; detail", the form used in logs where a multi-line block would be
// split apart.
func Short(d *hcl.Diagnostic) string {
	if d.Detail == "" {
		return header(d)
	}
	return header(d) + "; " + d.Detail
}

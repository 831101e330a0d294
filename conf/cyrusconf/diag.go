package cyrusconf

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// pos is the position of byte i of the line.
func (l *srcLine) pos(i int) hcl.Pos {
	return hcl.Pos{Line: l.num, Column: i + 1, Byte: l.start + i}
}

// span is the range of bytes [from, to) of the line; an empty span (an
// error at the end of the line) is kept zero-width.
func (l *srcLine) span(from, to int) hcl.Range {
	if to < from {
		to = from
	}
	return hcl.Range{Filename: l.file, Start: l.pos(from), End: l.pos(to)}
}

// where renders a range's start as file:line:col, the form admins and
// editors know (hcl.Range.String uses line,col).
func where(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

func (p *parser) report(sev hcl.DiagnosticSeverity, rng hcl.Range, summary, format string, args ...any) {
	p.diags = append(p.diags, &hcl.Diagnostic{
		Severity: sev,
		Summary:  summary,
		Detail:   fmt.Sprintf(format, args...),
		Subject:  &rng,
	})
}

// errorf reports an error: something Cyrus refuses or would misread.
func (p *parser) errorf(rng hcl.Range, summary, format string, args ...any) {
	p.report(hcl.DiagError, rng, summary, format, args...)
}

// warnf reports a warning: something Cyrus accepts but is probably a mistake.
func (p *parser) warnf(rng hcl.Range, summary, format string, args ...any) {
	p.report(hcl.DiagWarning, rng, summary, format, args...)
}

// sortDiags puts diagnostics in source order; the few reported late (an
// unclosed section found at the end of the file) move to where they point.
func sortDiags(d hcl.Diagnostics) {
	sort.SliceStable(d, func(i, j int) bool {
		return d[i].Subject.Start.Byte < d[j].Subject.Start.Byte
	})
}

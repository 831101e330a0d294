package cyrusconf

import (
	"os"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/hashicorp/hcl/v2"
)

// Parse parses one cyrus.conf held in src; filename is used in diagnostics.
// The Config is never nil: entries with errors are left out, the rest kept.
// Diagnostics are in source order.
func Parse(src []byte, filename string) (*Config, hcl.Diagnostics) {
	p := &parser{
		file: filename,
		cfg:  &Config{},
		seen: make(map[string]hcl.Range),
		names: nameTable{
			workers: make(map[string]claim),
			others:  make(map[sectionKind]map[string]hcl.Range),
		},
	}
	for l := range splitLines(src, filename) {
		p.line(l)
	}
	p.finish()
	sortDiags(p.diags)
	return p.cfg, p.diags
}

// ParseFile reads path, records its bytes in srcs (may be nil) so that
// diagnostics can show source lines, and parses it.
func ParseFile(path string, srcs *diagnostics.Sources) (*Config, hcl.Diagnostics) {
	src, err := os.ReadFile(path)
	if err != nil {
		r := hcl.Range{Filename: path, Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}
		return &Config{}, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read cyrus.conf",
			Detail:   err.Error(),
			Subject:  &r,
		}}
	}
	if srcs != nil {
		srcs.Add(path, src)
	}
	return Parse(src, path)
}

// parser holds the state of one Parse call.
type parser struct {
	file  string
	cfg   *Config
	diags hcl.Diagnostics
	open  *section             // the section being read, nil outside any
	seen  map[string]hcl.Range // first header of each section name
	names nameTable
}

// line handles one line of the file.
func (p *parser) line(l *srcLine) {
	if len(l.full) > maxLineLen {
		p.errorf(l.span(maxLineLen, len(l.full)), "Line too long",
			"This line is %d bytes; Cyrus reads at most %d bytes per line and would split it.", len(l.full), maxLineLen)
		return
	}
	i := skipSpace(l.text, 0)
	switch {
	case i == len(l.text):
		return // blank or comment only
	case p.open == nil:
		p.header(l, i)
	case l.text[i] == '}':
		p.close(l, i)
	default:
		if h, ok := scanHeader(l.text, i); ok {
			p.errorf(l.span(h.from, h.to), "Missing closing }",
				"Section %s opened at %s is not closed before this one starts.", p.open.name, where(p.open.rng))
			p.openSection(l, h)
			return
		}
		p.entry(l, i)
	}
}

// entry reads one entry line of the open section and builds its entry.
func (p *parser) entry(l *srcLine, i int) {
	e, closes := p.scanEntry(l, i)
	if e != nil {
		p.build(p.open.kind, e)
	}
	if closes {
		p.open = nil
	}
}

// build turns a scanned entry into the typed entry of its section.
func (p *parser) build(kind sectionKind, e *rawEntry) {
	switch kind {
	case secStart:
		p.buildStart(e)
	case secServices:
		p.buildService(e)
	case secEvents:
		p.buildEvent(e)
	case secDaemon:
		p.buildDaemon(e)
	}
	// Entries of unknown sections are checked for syntax only: Cyrus
	// ignores them.
}

// finish reports a section still open at the end of the file.
func (p *parser) finish() {
	if p.open != nil {
		p.errorf(p.open.rng, "Missing closing }",
			"Section %s is not closed by } before the end of the file.", p.open.name)
	}
}

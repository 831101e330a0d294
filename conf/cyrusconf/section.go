package cyrusconf

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// sectionKind is which cyrus.conf section an entry belongs to.
type sectionKind int

const (
	secUnknown sectionKind = iota
	secStart
	secServices
	secEvents
	secDaemon
)

// sectionNames are the sections master reads, indexed by sectionKind.
var sectionNames = [...]string{secUnknown: "", secStart: "START", secServices: "SERVICES", secEvents: "EVENTS", secDaemon: "DAEMON"}

func (k sectionKind) String() string { return sectionNames[k] }

// sectionByName finds the section called name; exact is false when it
// matched only ignoring case.
func sectionByName(name string) (kind sectionKind, exact bool) {
	for k, n := range sectionNames {
		if n != "" && strings.EqualFold(n, name) {
			return sectionKind(k), n == name
		}
	}
	return secUnknown, false
}

// section is the section being read.
type section struct {
	kind sectionKind
	name string    // upper-cased name
	rng  hcl.Range // the name on the header line
}

// headerScan is a scanned "NAME {" line.
type headerScan struct {
	name     string
	from, to int // the name's bytes
	brace    int // index of '{'
}

// scanHeader scans "NAME {" starting at s[i]; ok is false when the line is
// not a section header. As Cyrus: the '{' must be on the name's line.
func scanHeader(s string, i int) (h headerScan, ok bool) {
	j := i
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	h = headerScan{name: s[i:j], from: i, to: j, brace: -1}
	k := skipSpace(s, j)
	if j == i || k == len(s) || s[k] != '{' {
		return h, false
	}
	h.brace = k
	return h, true
}

// header handles a non-blank line outside any section: it must open one.
func (p *parser) header(l *srcLine, i int) {
	if l.text[i] == '}' {
		p.errorf(l.span(i, i+1), "Unexpected }", "There is no open section for this } to close.")
		return
	}
	h, ok := scanHeader(l.text, i)
	if !ok {
		detail := "Outside a section only section headers (START {, SERVICES {, EVENTS {, DAEMON {), comments and blank lines may appear."
		if k, _ := sectionByName(h.name); k != secUnknown && h.to == trimEnd(l.text) {
			detail = "Cyrus only recognises a section when its { is on the same line as its name."
		}
		p.errorf(l.span(i, trimEnd(l.text)), "Text outside any section", "%s", detail)
		return
	}
	p.openSection(l, h)
}

// openSection starts the section named on a header line.
func (p *parser) openSection(l *srcLine, h headerScan) {
	rng := l.span(h.from, h.to)
	kind, exact := sectionByName(h.name)
	name := strings.ToUpper(h.name)
	switch {
	case kind == secUnknown:
		p.warnf(rng, "Unknown section",
			"%s is not a cyrus.conf section; its entries are ignored, as Cyrus ignores them.%s",
			h.name, didYouMean(h.name, sectionNames[1:]))
	case !exact:
		p.warnf(rng, "Section name not in capitals",
			"Read as %s, but write it %s: Cyrus may not recognise %s.", name, name, h.name)
	}
	if first, dup := p.seen[name]; dup && kind != secUnknown {
		p.warnf(rng, "Repeated section",
			"%s was already opened at %s; this block continues it, as Cyrus reads every %s block.", name, where(first), name)
	} else if !dup {
		p.seen[name] = rng
	}
	p.open = &section{kind: kind, name: name, rng: rng}
	p.afterBrace(l, h.brace+1)
}

// afterBrace handles what follows '{' on a section's header line.
func (p *parser) afterBrace(l *srcLine, i int) {
	s := l.text
	i = skipSpace(s, i)
	if i == len(s) {
		return
	}
	if s[i] == '}' {
		p.close(l, i)
		return
	}
	end := trimEnd(s)
	closes := s[end-1] == '}'
	if closes {
		end = trimEnd(s[:end-1])
	}
	p.errorf(l.span(i, end), "Entry on section header line",
		"Cyrus ignores everything after { on the line that opens a section; put each entry on a line of its own.")
	if closes {
		p.open = nil
	}
}

// close ends the open section at the '}' at l.text[i].
func (p *parser) close(l *srcLine, i int) {
	p.open = nil
	p.trailing(l, i+1)
}

// trailing warns about text after a section's closing '}'.
func (p *parser) trailing(l *srcLine, i int) {
	i = skipSpace(l.text, i)
	if i < len(l.text) {
		p.warnf(l.span(i, trimEnd(l.text)), "Text after } ignored",
			"Cyrus ignores the rest of the line after the } that closes a section.")
	}
}

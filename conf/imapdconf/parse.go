package imapdconf

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/hashicorp/hcl/v2"
)

const (
	// maxIncludeDepth bounds @include nesting, so that a runaway chain of
	// includes is reported rather than followed.
	maxIncludeDepth = 8
	// maxFileSize bounds what is read from one file.
	maxFileSize = 16 << 20
)

// parser holds the state of one Parse: the configuration being built, the
// problems found so far and the files being read.
type parser struct {
	cfg   *Config
	srcs  *diagnostics.Sources
	read  func(path string) ([]byte, error)
	diags hcl.Diagnostics
	// seen maps each key, canonicalised (deprecated names replaced, service
	// prefix kept), to where it was first written.
	seen map[string]hcl.Range
	// stack lists the files being read, outermost first.
	stack []openFile
}

type openFile struct{ abs, name string }

// Parse reads an imapd.conf held in src; filename names it in diagnostics
// and is the directory @include paths are relative to. The source of every
// file read is added to srcs (which may be nil). The Config is never nil:
// values that failed to parse keep their defaults.
func Parse(src []byte, filename string, srcs *diagnostics.Sources) (*Config, hcl.Diagnostics) {
	return parse(src, filename, srcs, readConfigFile)
}

// ParseFile reads and parses the imapd.conf at path.
func ParseFile(path string, srcs *diagnostics.Sources) (*Config, hcl.Diagnostics) {
	src, err := readConfigFile(path)
	if err != nil {
		return newConfig(path), hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "cannot read configuration file",
			Detail:   err.Error(),
			Subject:  &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos},
		}}
	}
	return Parse(src, path, srcs)
}

func parse(src []byte, filename string, srcs *diagnostics.Sources, read func(string) ([]byte, error)) (*Config, hcl.Diagnostics) {
	p := &parser{
		cfg:   newConfig(filename),
		srcs:  srcs,
		read:  read,
		seen:  map[string]hcl.Range{},
		stack: []openFile{{abs: absPath(filename), name: filename}},
	}
	p.file(src, filename)
	p.finish()
	return p.cfg, p.diags
}

// file parses the lines of one file.
func (p *parser) file(src []byte, name string) {
	if p.srcs != nil {
		p.srcs.Add(name, src)
	}
	for _, l := range splitLines(src, name) {
		p.line(l)
	}
}

// readConfigFile reads a configuration file, refusing anything but a
// regular file (a device or FIFO could block or never end) and files
// larger than maxFileSize.
func readConfigFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("stat %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	src, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(src) > maxFileSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, maxFileSize)
	}
	return src, nil
}

// absPath makes a path absolute for comparing files; it falls back to
// the cleaned path when the working directory is unknown.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// errorf and warnf record a diagnostic about rng.
func (p *parser) errorf(rng hcl.Range, detail, format string, args ...any) {
	p.add(hcl.DiagError, rng, detail, format, args...)
}

func (p *parser) warnf(rng hcl.Range, detail, format string, args ...any) {
	p.add(hcl.DiagWarning, rng, detail, format, args...)
}

func (p *parser) add(sev hcl.DiagnosticSeverity, rng hcl.Range, detail, format string, args ...any) {
	p.diags = append(p.diags, &hcl.Diagnostic{
		Severity: sev,
		Summary:  fmt.Sprintf(format, args...),
		Detail:   detail,
		Subject:  rng.Ptr(),
	})
}

// where formats a range as file:line:col for messages.
func where(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay valid.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerByte(c)
	}
	return string(b)
}

package imapdconf

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// include reads the file named by an @include line at that point.
func (p *parser) include(value string, rng hcl.Range) {
	path := value
	if !filepath.IsAbs(path) {
		// Cyrus resolves a relative @include against the working directory
		// of the program; Corvus resolves it against the directory of the
		// including file, so that a configuration tree can be moved as a
		// whole (see COMPATIBILITY in imapd.conf(5)).
		path = filepath.Join(filepath.Dir(rng.Filename), path)
	}
	if len(p.stack) > maxIncludeDepth {
		p.errorf(rng, fmt.Sprintf("Files may include each other at most %d levels deep.", maxIncludeDepth),
			"@include nested too deeply")
		return
	}
	abs := absPath(path)
	for i, f := range p.stack {
		if f.abs == abs {
			p.errorf(rng, "Cycle: "+p.chain(i, path)+".", "@include cycle: %s includes itself", path)
			return
		}
	}
	src, err := p.read(path)
	if err != nil {
		p.errorf(rng, err.Error(), "cannot read @include file %q", path)
		return
	}
	p.stack = append(p.stack, openFile{abs: abs, name: path})
	p.file(src, path)
	p.stack = p.stack[:len(p.stack)-1]
}

// chain spells the include cycle starting at p.stack[i] and closing with
// path.
func (p *parser) chain(i int, path string) string {
	var names []string
	for _, f := range p.stack[i:] {
		names = append(names, f.name)
	}
	return strings.Join(append(names, path), " -> ")
}

// finish checks what can only be checked once every file has been read.
func (p *parser) finish() {
	if _, ok := p.cfg.base["configdirectory"]; !ok {
		// as Cyrus: every program refuses to start without it.
		pos := hcl.InitialPos
		p.errorf(hcl.Range{Filename: p.cfg.path, Start: pos, End: pos},
			"It names the directory of databases, sockets, msg/ and log/.",
			"configdirectory is not set")
	}
	if s, ok := p.cfg.base["defaultpartition"]; ok {
		name := strings.ToLower(s.val.(string))
		if _, ok := p.cfg.partitions[name]; !ok {
			p.warnf(s.at, fmt.Sprintf("Add a line \"partition-%s: /path\".", name),
				"defaultpartition %q has no partition-%s line", name, name)
		}
	}
}

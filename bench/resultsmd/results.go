// Package resultsmd writes benchmark results into bench/RESULTS.md: each
// benchmark program owns one "## " section and replaces only that one, and
// every section names the machine the numbers were taken on.
package resultsmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// resultsPreamble starts a RESULTS.md that does not exist yet.
const resultsPreamble = "# Corvus benchmarks\n\nEach section is written by one benchmark program; `make bench` regenerates them.\n"

// Splice returns doc with the "## " section whose heading line is
// heading replaced by section (which starts with that heading), or with
// section appended when doc has none. Every other section is kept byte for
// byte (but for closing a code block left open at the end, before
// appending). A section runs to the next level-2 heading outside a code
// fence.
func Splice(doc, heading, section string) string {
	section = strings.TrimRight(section, "\n") + "\n"
	lines := strings.SplitAfter(doc, "\n")
	start, end := -1, len(lines)
	fence := false
	for i, l := range lines {
		t := strings.TrimRight(l, "\r\n")
		if strings.HasPrefix(t, "```") {
			fence = !fence
			continue
		}
		if fence || !strings.HasPrefix(t, "## ") {
			continue
		}
		if start >= 0 {
			end = i
			break
		}
		if strings.TrimSpace(t) == heading {
			start = i
		}
	}
	if start < 0 {
		if doc == "" {
			return section
		}
		if fence {
			// A code block left open would swallow the new heading.
			doc = strings.TrimRight(doc, "\n") + "\n```"
		}
		return strings.TrimRight(doc, "\n") + "\n\n" + section
	}
	before := strings.Join(lines[:start], "")
	after := strings.Join(lines[end:], "")
	if after != "" {
		section += "\n"
	}
	return before + section + after
}

// WriteSection replaces (or adds) the section starting with heading in the
// file at path, creating the file if needed. It writes a temporary file and renames
// it, so an interrupted run never leaves half a RESULTS.md.
func WriteSection(path, heading, section string) error {
	old, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		old = []byte(resultsPreamble)
	} else if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	doc := Splice(string(old), heading, section)
	if bytes.Equal([]byte(doc), old) {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".results-*.md")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(doc); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return nil
}

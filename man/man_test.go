package man

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// pages returns every manual page in this directory (*.1 to *.8).
func pages(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.[1-8]")
	if err != nil {
		t.Fatalf("glob pages: %v", err)
	}
	if len(files) == 0 {
		t.Fatal("no manual pages found in man/")
	}
	return files
}

// need fails the test when a tool the checks depend on is missing: a
// skipped lint would let broken pages through unnoticed.
func need(t *testing.T, tool, hint string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s not found on PATH: %s", tool, hint)
	}
}

// TestMandocLint runs mandoc's linter on every page; any message at
// warning level or above fails.
func TestMandocLint(t *testing.T) {
	need(t, "mandoc", "install mandoc (apt-get install mandoc)")
	for _, page := range pages(t) {
		t.Run(page, func(t *testing.T) {
			out, err := exec.Command("mandoc", "-T", "lint", "-W", "warning", page).CombinedOutput()
			if err != nil || len(out) > 0 {
				t.Errorf("mandoc -T lint -W warning %s: %v\n%s", page, err, out)
			}
		})
	}
}

// TestManRenders renders every page the way an admin reads it (man-db and
// groff) and checks that nothing is reported on stderr and that the NAME
// line comes out as written.
func TestManRenders(t *testing.T) {
	need(t, "man", "install man-db and groff")
	for _, page := range pages(t) {
		t.Run(page, func(t *testing.T) {
			src := readPage(t, page)
			want := nameLine(src)
			if want == "" {
				t.Fatalf("%s: no text after .SH NAME", page)
			}
			var stdout, stderr bytes.Buffer
			cmd := exec.Command("man", "-l", "-P", "cat", page)
			cmd.Env = append(os.Environ(), "MANWIDTH=80")
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				t.Fatalf("man -l -P cat %s: %v\n%s", page, err, stderr.Bytes())
			}
			if !rendersAs(stdout.String(), want) {
				t.Errorf("%s: rendered page lacks NAME line %q:\n%s", page, want, stdout.Bytes())
			}
		})
	}
}

// TestSectionsPresent checks that every page has the sections man(7)
// expects and that every program the Makefile installs has a page with
// the sections an admin reads first (master.8 also SIGNALS), beside the
// two configuration file pages.
func TestSectionsPresent(t *testing.T) {
	common := []string{"NAME", "SYNOPSIS", "DESCRIPTION", "FILES", "SEE ALSO"}
	want := map[string][]string{"cyrus.conf.5": common, "imapd.conf.5": common}
	for _, p := range makefilePrograms(t) {
		want[p+".8"] = slices.Concat(common, []string{"OPTIONS", "EXAMPLES"})
	}
	want["master.8"] = append(want["master.8"], "SIGNALS")
	files := pages(t)
	for name := range want {
		if !contains(files, name) {
			t.Errorf("%s is missing from man/", name)
		}
	}
	for _, page := range files {
		need, ok := want[page]
		if !ok {
			need = common
		}
		have := sections(readPage(t, page))
		for _, sect := range need {
			if !have[sect] {
				t.Errorf("%s: no .SH %s", page, sect)
			}
		}
	}
}

func readPage(t *testing.T, page string) string {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatalf("read %s: %v", page, err)
	}
	return string(b)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

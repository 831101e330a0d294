package man

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// programsLine is the Makefile's list of the programs `make install` puts
// in LIBEXEC; each must have a page in section 8.
var programsLine = regexp.MustCompile(`(?m)^PROGRAMS\s*:?=\s*(.+)$`)

// makefilePrograms returns the PROGRAMS of the repository's Makefile.
func makefilePrograms(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatalf("read Makefile: %v", err)
	}
	progs := parsePrograms(string(src))
	// A wrong parse would check nothing: master is always installed.
	if !slices.Contains(progs, "master") {
		t.Fatalf("PROGRAMS of the Makefile = %v, want a list with master", progs)
	}
	return progs
}

// parsePrograms extracts the PROGRAMS list from Makefile source.
func parsePrograms(makefile string) []string {
	m := programsLine.FindStringSubmatch(makefile)
	if m == nil {
		return nil
	}
	return strings.Fields(m[1])
}

func TestParsePrograms(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"GO ?= go\nPROGRAMS := master imapd\nTESTPROGRAMS := echo\n", []string{"master", "imapd"}},
		{"PROGRAMS = master\n", []string{"master"}},
		{"TESTPROGRAMS := echoworker\n", nil},
		{"# PROGRAMS := x\n", nil},
	}
	for _, tt := range tests {
		if got := parsePrograms(tt.src); !slices.Equal(got, tt.want) {
			t.Errorf("parsePrograms(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

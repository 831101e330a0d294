package resultsmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPublish(t *testing.T) {
	const section = sectionHeading + "\n\nnumbers\n"
	dir := t.TempDir()
	tests := []struct {
		name, path string
		wantFile   bool
		wantErr    bool
	}{
		{"stdout only", "", false, false},
		{"into a file", filepath.Join(dir, "RESULTS.md"), true, false},
		{"unwritable", filepath.Join(dir, "missing", "RESULTS.md"), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errs strings.Builder
			err := Publish(&out, &errs, "bench", tt.path, sectionHeading, section)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Publish = %v, want error %v", err, tt.wantErr)
			}
			if out.String() != section {
				t.Errorf("stdout = %q, want the section", out.String())
			}
			said := strings.Contains(errs.String(), "bench: wrote \""+sectionHeading+"\" in "+tt.path)
			if said != tt.wantFile {
				t.Errorf("stderr = %q", errs.String())
			}
			b, _ := os.ReadFile(tt.path)
			if strings.Contains(string(b), "numbers") != tt.wantFile {
				t.Errorf("file holds %q", b)
			}
		})
	}
}

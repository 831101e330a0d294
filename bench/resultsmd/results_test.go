package resultsmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSpliceSection(t *testing.T) {
	const h = "## master: storm"
	const sec = "## master: storm\n\nnew numbers\n"
	tests := []struct {
		name, doc, want string
	}{
		{"empty file", "", sec},
		{"appended after other sections",
			"# Bench\n\n## imapd: fetch\n\nfetch table\n",
			"# Bench\n\n## imapd: fetch\n\nfetch table\n\n" + sec},
		{"replaced at the end",
			"# Bench\n\n## imapd: fetch\n\nA\n\n## master: storm\n\nold\n",
			"# Bench\n\n## imapd: fetch\n\nA\n\n" + sec},
		{"replaced in the middle, next section kept",
			"# Bench\n\n## master: storm\n\nold\n### sub\nold too\n\n## lmtpd: deliver\n\nB\n",
			"# Bench\n\n" + sec + "\n## lmtpd: deliver\n\nB\n"},
		{"a heading inside a code fence does not end the section",
			"## master: storm\n\n```\n## not a heading\n```\nold\n## z\nZ\n",
			sec + "\n## z\nZ\n"},
		{"a longer heading with the same prefix is another section",
			"## master: storm and more\n\nkeep\n",
			"## master: storm and more\n\nkeep\n\n" + sec},
		{"an open code block is closed before appending",
			"# B\n```\ncode\n",
			"# B\n```\ncode\n```\n\n" + sec},
		{"CRLF heading still found",
			"## master: storm\r\nold\r\n## z\r\nZ\r\n",
			sec + "\n## z\r\nZ\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Splice(tt.doc, h, sec); got != tt.want {
				t.Errorf("Splice:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSpliceSectionIsIdempotent(t *testing.T) {
	doc := "# B\n\n## a\n\nA\n\n## master: storm\n\nold\n\n## c\n\nC\n"
	once := Splice(doc, "## master: storm", "## master: storm\n\nnew\n")
	twice := Splice(once, "## master: storm", "## master: storm\n\nnew\n")
	if once != twice {
		t.Fatalf("second splice changed the document:\n%q\n%q", once, twice)
	}
}

func TestWriteSection(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "RESULTS.md")
	if err := WriteSection(path, sectionHeading, sectionHeading+"\n\nfirst\n"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), resultsPreamble) || !strings.Contains(string(b), "first") {
		t.Fatalf("new file:\n%s", b)
	}
	other := string(b) + "\n## other: bench\n\nkeep me\n"
	if err := os.WriteFile(path, []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteSection(path, sectionHeading, sectionHeading+"\n\nsecond\n"); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(path)
	s := string(b)
	if strings.Contains(s, "first") || !strings.Contains(s, "second") || !strings.Contains(s, "## other: bench\n\nkeep me\n") {
		t.Fatalf("after replacing:\n%s", s)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("temporary files left behind: %v", ents)
	}
}

// FuzzSpliceSection checks that splicing never panics, always yields the
// new section once, and keeps every line of the document outside the
// replaced section.
func FuzzSpliceSection(f *testing.F) {
	f.Add("# B\n\n## a\nA\n## master: storm\nold\n## c\nC\n")
	f.Add("```\n## master: storm\n```\n")
	f.Add("## master: storm")
	f.Add("")
	f.Add("\r\n## master: storm\r\n\r\n## x")
	const h = "## master: storm"
	const sec = "## master: storm\n\nNEW-SECTION-BODY\n"
	f.Fuzz(func(t *testing.T, doc string) {
		if strings.Contains(doc, "NEW-SECTION-BODY") {
			return
		}
		got := Splice(doc, h, sec)
		if n := strings.Count(got, "NEW-SECTION-BODY"); n != 1 {
			t.Fatalf("new section present %d times in %q", n, got)
		}
		if again := Splice(got, h, sec); again != got {
			t.Fatalf("not idempotent:\n%q\n%q", got, again)
		}
	})
}

// sectionHeading is the section the tests write.
const sectionHeading = "## master: connection storm and fork rate"

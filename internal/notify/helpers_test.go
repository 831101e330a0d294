package notify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeProgram writes a shell script standing in for sendmail or
// notify_external: it records its arguments (not argv[0], which the kernel
// replaces for a script), one per line, in args and its
// standard input in stdin, then runs tail (more shell) and exits with the
// status that leaves. It returns the script's path and the directory of
// the records, which tail can name as $DIR.
func fakeProgram(t *testing.T, tail string) (path, dir string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "prog")
	script := "#!/bin/sh\nDIR='" + dir + "'\n" +
		"for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + dir + "/args'\n" +
		"cat > '" + dir + "/stdin'\n" + tail + "\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path, dir
}

// recorded returns what the fake program recorded: its argv and stdin.
func recorded(t *testing.T, dir string) (argv []string, stdin string) {
	t.Helper()
	a, err := os.ReadFile(filepath.Join(dir, "args"))
	if err != nil {
		t.Fatalf("program did not record its arguments: %v", err)
	}
	in, err := os.ReadFile(filepath.Join(dir, "stdin"))
	if err != nil {
		t.Fatalf("program did not record its input: %v", err)
	}
	if len(a) == 0 {
		return nil, string(in)
	}
	return strings.Split(strings.TrimSuffix(string(a), "\n"), "\n"), string(in)
}

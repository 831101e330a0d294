package resultsmd

import (
	"fmt"
	"io"
)

// Publish is how every benchmark ends: it prints section on stdout and,
// when path is not empty, writes it into the file at path (WriteSection)
// and says so on stderr as prog.
func Publish(stdout, stderr io.Writer, prog, path, heading, section string) error {
	fmt.Fprint(stdout, section)
	if path == "" {
		return nil
	}
	if err := WriteSection(path, heading, section); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: wrote %q in %s\n", prog, heading, path)
	return nil
}

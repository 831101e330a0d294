package passwd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/corvusmail/corvus/internal/atomicfile"
)

// SetUser writes user's line into the password file at path, replacing an
// existing line for that user or appending one, and creates the file when
// it is missing. An empty password removes the user. The file is replaced
// atomically (written beside it, fsynced, renamed), keeps other lines and
// comments as they are, and is mode 0600: the hashes are secrets.
func SetUser(path, user, password string) error {
	if user == "" || strings.ContainsAny(user, ":\n\r\x00") {
		return fmt.Errorf("invalid user name %q", user)
	}
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(old))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if e, ok, err := ParseLine(line); err == nil && ok && e.User == user {
			continue // replaced below
		}
		out.WriteString(line + "\n")
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if password != "" {
		line, err := Line(user, password)
		if err != nil {
			return err
		}
		out.WriteString(line + "\n")
	}
	return atomicfile.Write(path, out.Bytes(), 0o600)
}

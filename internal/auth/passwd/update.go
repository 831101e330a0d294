package passwd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
	return replaceFile(path, out.Bytes())
}

// replaceFile writes data to path through a temporary file in the same
// directory, keeping the old file's owner when it had one.
func replaceFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".passwd-*")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if st, err := os.Stat(path); err == nil {
		if sys, ok := statOwner(st); ok {
			tmp.Chown(sys.uid, sys.gid)
		}
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename to %s: %w", path, err)
	}
	return nil
}

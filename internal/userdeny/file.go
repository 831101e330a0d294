package userdeny

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/corvusmail/corvus/internal/atomicfile"
)

// Path is the deny list of a configdirectory: user_deny.db, Cyrus's
// default userdeny_db_path.
func Path(configDir string) string { return filepath.Join(configDir, "user_deny.db") }

// Load reads the deny list at path; a missing file is an empty list.
// Bad records are skipped and reported (see Parse).
func Load(path string) (map[string]Entry, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]Entry{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open deny list: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	m, err := Parse(data)
	if err != nil {
		err = fmt.Errorf("%s: %w", path, err)
	}
	return m, err
}

// Save replaces the deny list at path with entries atomically: a
// temporary file beside it, written, synced and renamed over it, mode
// 0600; the directory is synced too, so a crash leaves the old list or
// the new one.
func Save(path string, entries map[string]Entry) error {
	if err := atomicfile.Write(path, Encode(entries), 0o600); err != nil {
		return fmt.Errorf("save deny list: %w", err)
	}
	return nil
}

package procinfo

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// Proc is one session found in the proc directory.
type Proc struct {
	PID int
	Entry
}

// List reads every proc file in dir and returns the sessions of live
// processes, by pid and then in file order. Files of processes that are
// gone are skipped, not removed: the pid may be reused by a worker about
// to write its own file. A file that cannot be read or parsed is skipped
// too (a process may be rewriting it); a missing dir is no sessions.
func List(dir string) ([]Proc, error) {
	des, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	var out []Proc
	for _, de := range des {
		pid, err := strconv.Atoi(de.Name())
		if err != nil || pid <= 0 || strconv.Itoa(pid) != de.Name() {
			continue // not a proc file (a kick request, a stray file)
		}
		entries, ok := readLive(filepath.Join(dir, de.Name()), pid)
		if !ok {
			continue
		}
		for _, e := range entries {
			out = append(out, Proc{PID: pid, Entry: e})
		}
	}
	slices.SortStableFunc(out, func(a, b Proc) int { return a.PID - b.PID })
	return out, nil
}

// readLive reads one proc file if its process is alive and not younger
// than the file.
func readLive(path string, pid int) ([]Entry, bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || !Alive(pid, fi.ModTime()) {
		return nil, false
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFile+1))
	if err != nil {
		return nil, false
	}
	entries, err := Parse(data)
	return entries, err == nil
}

package procinfo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Kick requests: cyr_kick names the users whose sessions must end in
// <dir>/<pid>.kick before it signals pid (SIGUSR1), and the process takes
// the file. A signal carries no data, and without the file a signal sent
// just as one session ended and the next began would end the wrong one.

// KickAll in a kick request ends every session of the process.
const KickAll = "*"

// kickPath is the kick request file of pid.
func kickPath(dir string, pid int) string {
	return filepath.Join(dir, strconv.Itoa(pid)+".kick")
}

// RequestKick writes the kick request for pid: the users whose sessions
// it must end (KickAll for all), one per line, added to any request not
// yet taken. Created 0600, as the proc files.
func RequestKick(dir string, pid int, users ...string) error {
	f, err := os.OpenFile(kickPath(dir, pid), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("kick request: %w", err)
	}
	var b strings.Builder
	for _, u := range users {
		b.WriteString(strings.NewReplacer("\n", "?", "\r", "?").Replace(u) + "\n")
	}
	_, err = f.WriteString(b.String())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("kick request: %w", err)
	}
	return nil
}

// TakeKick reads and removes the kick request of pid: the users named,
// KickAll among them for all. No request is an empty list.
func TakeKick(dir string, pid int) ([]string, error) {
	// Renamed first, so that a request appended meanwhile is not lost:
	// it goes to a new file and a new signal.
	p := kickPath(dir, pid)
	taken := p + ".taken"
	if err := os.Rename(p, taken); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("kick request: %w", err)
	}
	b, err := os.ReadFile(taken)
	os.Remove(taken)
	if err != nil {
		return nil, fmt.Errorf("kick request: %w", err)
	}
	var users []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" {
			users = append(users, l)
		}
	}
	return users, nil
}

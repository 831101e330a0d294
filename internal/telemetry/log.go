package telemetry

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Log is one session's telemetry file. Input/InputMasked (the reading
// goroutine) and Output (the writing one) may be called concurrently. A nil
// *Log is valid and does nothing, so an engine can call it unconditionally
// whether telemetry is on or off.
type Log struct {
	mu    sync.Mutex
	f     *os.File // nil once closed
	path  string
	clock func() time.Time
	start usage  // resource usage at open, for the rusage line
	buf   []byte // reused for each chunk: marker and data in one write
	werr  error  // first write error, reported by Close
}

// Open starts the telemetry log of user for the service ident ("imap",
// "lmtp", …) in the file ident-id (id from ID) and writes its header. It
// returns (nil, nil) when telemetry is off for user, which costs one stat.
// The file is opened for appending, created 0600, and must not be a
// symbolic link or anything but a regular file.
func Open(configDir, user, ident, id string) (*Log, error) {
	return open(configDir, user, ident, id, time.Now)
}

// open is Open with an injectable clock.
func open(configDir, user, ident, id string, clock func() time.Time) (*Log, error) {
	for _, s := range []string{user, ident, id} {
		if err := ValidName(s); err != nil {
			return nil, fmt.Errorf("telemetry for %q: %w", user, err)
		}
	}
	dir := userDir(configDir, user)
	if on, err := isDir(dir); !on {
		return nil, err
	}
	l, err := create(filepath.Join(dir, ident+"-"+id), clock)
	if err != nil {
		return nil, err
	}
	l.line(user)
	return l, nil
}

// Reopen continues, in this process, a session whose log another process
// started (hibernation: idled, then an imapd -R worker). It appends
// "---------- handed over to pid <pid>[ (<note>)] <ctime>" and returns the
// log, or (nil, nil) if the admin has removed the user's log directory
// meanwhile. path is what Path returned in the first process; it must still
// name a file directly in a log/<userid>/ directory.
func Reopen(path, note string) (*Log, error) {
	return reopen(path, note, os.Getpid(), time.Now)
}

// reopen is Reopen with an injectable pid and clock.
func reopen(path, note string, pid int, clock func() time.Time) (*Log, error) {
	dir := filepath.Dir(path)
	if filepath.Clean(path) != path || filepath.Base(filepath.Dir(dir)) != "log" ||
		ValidName(filepath.Base(dir)) != nil || ValidName(filepath.Base(path)) != nil {
		return nil, fmt.Errorf("telemetry hand-over %q: %w", path, ErrUnsafeName)
	}
	if on, err := isDir(dir); !on {
		return nil, err
	}
	l, err := create(path, clock)
	if err != nil {
		return nil, err
	}
	text := "handed over to pid " + strconv.Itoa(pid)
	if note = sanitize(note); note != "" {
		text += " (" + note + ")"
	}
	l.line(text)
	return l, nil
}

// create opens path for appending (0600, no symlinks, no FIFOs: O_NONBLOCK
// keeps a planted FIFO from blocking the open) and tightens a file left
// more open by Cyrus (0644) to 0600.
func create(path string, clock func() time.Time) (*Log, error) {
	flags := os.O_WRONLY | os.O_APPEND | os.O_CREATE | unix.O_NOFOLLOW | unix.O_NONBLOCK
	f, err := os.OpenFile(path, flags, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open telemetry %s: %w", path, err)
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = errors.New("not a regular file")
	}
	if err == nil && fi.Mode().Perm()&0o077 != 0 {
		err = f.Chmod(0o600)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open telemetry %s: %w", path, err)
	}
	return &Log{f: f, path: path, clock: clock, start: readUsage()}, nil
}

// sanitize keeps a hand-over note on one line.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}

// Path returns the file's path, for the hibernation state record.
func (l *Log) Path() string {
	if l == nil {
		return ""
	}
	return l.path
}

// Close ends the log, first appending the rusage line if rusage is set
// (imapd.conf telemetry_rusage behaviour, at logout). It returns the first
// error met while writing, if any; later calls do nothing.
func (l *Log) Close(rusage bool) error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	if rusage {
		l.lineLocked(readUsage().since(l.start))
	}
	err := l.f.Close()
	l.f = nil
	if err != nil {
		err = fmt.Errorf("close telemetry %s: %w", l.path, err)
	}
	return errors.Join(l.werr, err)
}

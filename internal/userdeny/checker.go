package userdeny

import (
	"os"
	"sync"
	"syscall"
	"time"
)

// Checker answers "is this user denied this service?" from the deny list
// at a path, cheaply enough to ask before every command: one stat, and
// the file is read again only when its inode, size or modification time
// changed (cyr_deny replaces it by rename, so each edit is a new inode).
// It is safe for concurrent use.
type Checker struct {
	path string

	mu      sync.Mutex
	stamp   stamp
	entries map[string]Entry
	err     error // the last load error, for Err
}

// stamp identifies one version of the file.
type stamp struct {
	ino, size uint64
	mtime     time.Time
	exists    bool
}

// NewChecker checks against the deny list at path.
func NewChecker(path string) *Checker { return &Checker{path: path} }

// Check returns the entry denying user the service, if any.
func (c *Checker) Check(user, service string) (Entry, bool) {
	if c == nil || user == "" {
		return Entry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refresh()
	e, ok := c.entries[user]
	if !ok || !e.Denies(service) {
		return Entry{}, false
	}
	return e, true
}

// Entries returns the current list, read again first if the file
// changed: one stat for a caller that checks many sessions at once. The
// map is shared and must not be modified.
func (c *Checker) Entries() map[string]Entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refresh()
	return c.entries
}

// Err returns the problem found when the list was last read, if any.
func (c *Checker) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// refresh re-reads the file if it changed. If it cannot be read, the last
// list read stays in force.
func (c *Checker) refresh() {
	var st stamp
	if fi, err := os.Stat(c.path); err == nil {
		st = stamp{size: uint64(fi.Size()), mtime: fi.ModTime(), exists: true}
		if sys, ok := fi.Sys().(*syscall.Stat_t); ok {
			st.ino = sys.Ino
		}
	}
	if st == c.stamp {
		return
	}
	if !st.exists {
		c.stamp, c.entries, c.err = st, nil, nil
		return
	}
	m, err := Load(c.path)
	c.err = err
	if m == nil {
		return // unreadable: keep the last list, try again next time
	}
	c.stamp, c.entries = st, m
}

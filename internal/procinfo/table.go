package procinfo

import (
	"maps"
	"slices"
	"sync"
)

// Table is the set of sessions one process serves, mirrored in its File.
// Set and Delete change the set; Flush writes it if it changed, and
// removes the file once the set is empty. imapd flushes after each change
// (one session per process: a change is one write); idled flushes at most
// once a second, so 10 000 hibernations a second are still one write.
type Table struct {
	mu      sync.Mutex
	file    *File
	entries map[uint64]Entry
	dirty   bool
	buf     []byte
	err     error // the last write error, reported once
}

// NewTable returns an empty table written to file.
func NewTable(file *File) *Table {
	return &Table{file: file, entries: map[uint64]Entry{}}
}

// Set records or changes the session id; it reports whether anything
// changed.
func (t *Table) Set(id uint64, e Entry) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if old, ok := t.entries[id]; ok && old == e {
		return false
	}
	t.entries[id] = e
	t.dirty = true
	return true
}

// Delete forgets session id.
func (t *Table) Delete(id uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.entries[id]; ok {
		delete(t.entries, id)
		t.dirty = true
	}
}

// Len returns the number of sessions.
func (t *Table) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.entries)
}

// Flush writes the table if it changed since the last Flush: the file
// holds one line per session, by session id; with none left, the file is
// removed. A write error is returned once, then retried at the next Flush.
func (t *Table) Flush() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.dirty {
		return nil
	}
	var err error
	if len(t.entries) == 0 {
		err = t.file.Remove()
	} else {
		t.buf = t.buf[:0]
		for _, id := range slices.Sorted(maps.Keys(t.entries)) {
			t.buf = t.entries[id].AppendLine(t.buf)
		}
		err = t.file.Write(t.buf)
	}
	t.dirty = err != nil
	if err != nil && t.err != nil && t.err.Error() == err.Error() {
		return nil // reported already
	}
	t.err = err
	return err
}

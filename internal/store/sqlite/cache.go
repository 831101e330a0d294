package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/corvusmail/corvus/internal/store"
)

// acquire returns the user's open database, opening it (and with create,
// creating the account) on first use. Only one goroutine opens a given
// user at a time, which also keeps this process from ever closing a
// descriptor of a database file SQLite holds locks on (POSIX locks die
// with any close of the file).
func (s *Store) acquire(ctx context.Context, user string, create bool) (*entry, error) {
	if err := store.CheckUser(user); err != nil {
		return nil, err
	}
	for {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return nil, errors.New("store closed")
		}
		e := s.users[user]
		if e == nil {
			e = &entry{ready: make(chan struct{}), refs: 1}
			s.users[user] = e
			s.mu.Unlock()
			e.u, e.err = s.openUser(ctx, user, create)
			close(e.ready)
			if e.err != nil {
				s.drop(user, e)
				return nil, e.err
			}
			return e, nil
		}
		e.refs++
		s.mu.Unlock()
		select {
		case <-e.ready:
		case <-ctx.Done():
			s.release(e)
			return nil, ctx.Err()
		}
		if e.err != nil {
			s.release(e)
			if create && errors.Is(e.err, store.ErrNoUser) {
				continue // an Open lost the race with us; its entry is being dropped
			}
			return nil, e.err
		}
		if !e.u.stillThere() {
			s.release(e)
			s.forget(user)
			continue // deleted (and maybe recreated) by another process
		}
		return e, nil
	}
}

// drop removes a failed entry.
func (s *Store) drop(user string, e *entry) {
	s.mu.Lock()
	if s.users[user] == e {
		delete(s.users, user)
	}
	s.mu.Unlock()
}

// release gives back one reference and closes the least recently used
// idle databases beyond MaxIdleAccounts (and a forgotten one at once).
// The last reference shrinks the account's memory first (idle.go).
func (s *Store) release(e *entry) {
	s.mu.Lock()
	last := e.refs == 1 && !e.gone && !s.closed && e.u != nil
	s.mu.Unlock()
	if last {
		e.u.h.shrink()
	}
	s.mu.Lock()
	e.refs--
	if e.refs > 0 || s.closed {
		s.mu.Unlock()
		return
	}
	if e.gone {
		s.mu.Unlock()
		if e.u != nil {
			e.u.close()
		}
		return
	}
	e.idle = s.now()
	victims := s.trimIdle()
	s.scheduleExpiry(s.opts.MaxIdleTime)
	s.mu.Unlock()
	for _, v := range victims {
		v.u.close()
	}
}

// trimIdle drops the oldest idle entries beyond MaxIdleAccounts from the
// cache and returns them for closing. s.mu is held.
func (s *Store) trimIdle() []*entry {
	var victims []*entry
	for {
		var oldest *entry
		var oldestUser string
		n := 0
		for u, x := range s.users {
			if x.refs == 0 && x.u != nil {
				n++
				if oldest == nil || x.idle.Before(oldest.idle) {
					oldest, oldestUser = x, u
				}
			}
		}
		if n <= s.opts.MaxIdleAccounts {
			return victims
		}
		delete(s.users, oldestUser)
		victims = append(victims, oldest)
	}
}

// forget drops a user's database from the cache and closes it once no
// handle uses it (handles still open keep working on the old file).
func (s *Store) forget(user string) {
	s.mu.Lock()
	e := s.users[user]
	if e == nil {
		s.mu.Unlock()
		return
	}
	delete(s.users, user)
	s.mu.Unlock()
	<-e.ready
	s.mu.Lock()
	e.gone = true
	idle := e.refs == 0
	s.mu.Unlock()
	if idle && e.u != nil {
		e.u.close()
	}
}

// openUser opens (and with create, first creates) a user's database.
func (s *Store) openUser(ctx context.Context, user string, create bool) (*userDB, error) {
	dir := userDir(s.opts.Partition, user)
	path := filepath.Join(dir, dbName)
	if create {
		err := makeBuckets(filepath.Join(dir, msgDir))
		if err == nil {
			err = precreate(dir, path)
		}
		if err != nil {
			return nil, fmt.Errorf("create account %q: %w", user, err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open account %q: %w", user, store.ErrNoUser)
	}
	h, err := openHandle(ctx, path, !create, s.opts.BusyTimeout, s.opts.MaxReaders)
	if err != nil {
		return nil, fmt.Errorf("open account %q: %w", user, err)
	}
	u := &userDB{s: s, user: user, dir: dir, h: h, fi: fi}
	if create {
		err = u.initialise(ctx)
	} else {
		err = u.check(ctx)
	}
	if err != nil {
		h.close()
		return nil, err
	}
	return u, nil
}

// precreate makes the directory and an empty database file
// with filePerm, so that SQLite's -wal and -shm files, which copy the
// database file's mode, are never world-readable either. O_EXCL: a
// concurrent creator (another process) simply finds it there.
func precreate(dir, path string) error {
	if err := mkdirAllSync(dir); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, filePerm)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return syncDir(dir)
}

// makeBuckets creates msg/ with its 256 bucket directories up front, so
// that appends never pay for creating one (mkdir and an extra directory
// fsync); one fsync of msg/ makes them all durable.
func makeBuckets(msg string) error {
	if _, err := os.Stat(filepath.Join(msg, "ff")); err == nil {
		return nil
	}
	if err := mkdirAllSync(msg); err != nil {
		return err
	}
	for i := range 256 {
		b := filepath.Join(msg, fmt.Sprintf("%02x", i))
		if err := os.Mkdir(b, dirPerm); err != nil && !errors.Is(err, os.ErrExist) {
			return fmt.Errorf("mkdir %s: %w", b, err)
		}
	}
	return syncDir(msg)
}

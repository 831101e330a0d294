package sqlite

import (
	"context"
	"time"
)

// Accounts no session uses stay open for reuse (MaxIdleAccounts), since
// opening one costs about a millisecond against 40 µs when open
// (BenchmarkReopenAccount): lmtpd delivering to the same users again,
// imapd serving the same user's next session. What such an account
// costs the process while it waits is kept small
// (BenchmarkIdleAccountMemory), and it is closed once it has waited
// MaxIdleTime: lmtpd and idled wake hibernated sessions of many users,
// and the hibernated sessions themselves are meant to cost almost
// nothing.

// shrink gives back what an account's connections hold beyond their
// prepared statements, before the account goes idle: SQLite's page
// cache (PRAGMA shrink_memory; the pages are the kernel's page cache
// through the memory map, and read again cheaply) and the reader
// connections, which are only opened while a write holds the writer.
// The caller holds a reference, so nothing closes the handle meanwhile.
func (h *handle) shrink() {
	select {
	case c := <-h.writer:
		c.exec(context.Background(), "PRAGMA shrink_memory")
		h.writer <- c
	default: // in use: whoever uses it will release again
	}
	for {
		select {
		case c := <-h.readers:
			c.close()
			h.mu.Lock()
			h.nread--
			h.mu.Unlock()
		default:
			return
		}
	}
}

// scheduleExpiry arms the timer that closes accounts idle for
// MaxIdleTime, unless it is armed. s.mu is held.
func (s *Store) scheduleExpiry(after time.Duration) {
	if s.expiry == nil && s.opts.MaxIdleTime > 0 && !s.closed {
		s.expiry = time.AfterFunc(after, s.expire)
	}
}

// expire closes the accounts idle for MaxIdleTime and arms the timer
// again for the next one to be due.
func (s *Store) expire() {
	s.mu.Lock()
	s.expiry = nil
	if s.closed {
		s.mu.Unlock()
		return
	}
	now := s.now()
	victims, oldest := s.takeIdle(now.Add(-s.opts.MaxIdleTime))
	if !oldest.IsZero() {
		s.scheduleExpiry(max(oldest.Add(s.opts.MaxIdleTime).Sub(now), time.Millisecond))
	}
	s.mu.Unlock()
	for _, v := range victims {
		v.u.close()
	}
	if len(victims) > 0 && oldest.IsZero() && s.opts.Expired != nil {
		s.opts.Expired()
	}
}

// CloseIdle closes every account no session uses now, as if each had
// waited MaxIdleTime: for a worker that waits for its next client, which
// is most likely another user's.
func (s *Store) CloseIdle() {
	s.mu.Lock()
	victims, _ := s.takeIdle(s.now())
	s.mu.Unlock()
	for _, v := range victims {
		v.u.close()
	}
}

// takeIdle drops from the cache the accounts idle since cutoff or
// earlier and returns them for closing, with the time the oldest of the
// idle accounts left went idle (zero if none is left). s.mu is held.
func (s *Store) takeIdle(cutoff time.Time) (victims []*entry, oldest time.Time) {
	for u, x := range s.users {
		if x.refs != 0 || x.u == nil {
			continue
		}
		if !x.idle.After(cutoff) {
			delete(s.users, u)
			victims = append(victims, x)
		} else if oldest.IsZero() || x.idle.Before(oldest) {
			oldest = x.idle
		}
	}
	return victims, oldest
}

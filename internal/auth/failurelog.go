package auth

import (
	"sync"
	"time"
)

// FailureLog counts recent failed logins per user within one process.
// Entries are forgotten after a quiet window, and the table is bounded:
// the names come from clients, so an attacker must not grow it at will.
type FailureLog struct {
	mu     sync.Mutex
	clock  Clock
	window time.Duration
	limit  int
	users  map[string]failures
}

type failures struct {
	count int
	last  time.Time
}

// Defaults for NewFailureLog.
const (
	DefaultFailureWindow = 15 * time.Minute
	DefaultFailureUsers  = 4096
)

// NewFailureLog returns an empty log; zero window or limit take the
// defaults, a nil clock the system clock.
func NewFailureLog(clock Clock, window time.Duration, limit int) *FailureLog {
	if clock == nil {
		clock = SystemClock{}
	}
	if window <= 0 {
		window = DefaultFailureWindow
	}
	if limit <= 0 {
		limit = DefaultFailureUsers
	}
	return &FailureLog{clock: clock, window: window, limit: limit, users: map[string]failures{}}
}

// Failed records a failure for user and returns its recent count.
func (l *FailureLog) Failed(user string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	f, ok := l.users[user]
	if !ok || now.Sub(f.last) > l.window {
		f = failures{}
		if !ok {
			l.makeRoom(now)
		}
	}
	f.count++
	f.last = now
	l.users[user] = f
	return f.count
}

// Count returns user's recent failures.
func (l *FailureLog) Count(user string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	f, ok := l.users[user]
	if !ok || l.clock.Now().Sub(f.last) > l.window {
		return 0
	}
	return f.count
}

// Succeeded forgets user's failures.
func (l *FailureLog) Succeeded(user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.users, user)
}

// makeRoom drops expired entries when the table is full and, if that is
// not enough, an arbitrary one.
func (l *FailureLog) makeRoom(now time.Time) {
	if len(l.users) < l.limit {
		return
	}
	for u, f := range l.users {
		if now.Sub(f.last) > l.window {
			delete(l.users, u)
		}
	}
	for u := range l.users {
		if len(l.users) < l.limit {
			break
		}
		delete(l.users, u)
	}
}

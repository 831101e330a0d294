package auth

import (
	"context"
	"time"
)

// Pause is the delay policy after failed logins. As Cyrus, imapd sleeps
// before answering NO so that guessing passwords is slow; Cyrus sleeps
// failedloginpause after every failure, Corvus answers the first failure
// at once (a typo costs nothing) and then waits Step, doubling with each
// further failure up to Cap.
type Pause struct {
	Step time.Duration // delay after the second failure
	Cap  time.Duration // longest delay; 0 disables pausing
}

// DefaultPauseStep is Pause.Step for PauseFor.
const DefaultPauseStep = 500 * time.Millisecond

// PauseFor returns the policy for failedloginpause: steps of
// DefaultPauseStep capped at it; 0 disables pausing, as in Cyrus.
func PauseFor(failedLoginPause time.Duration) Pause {
	return Pause{Step: min(DefaultPauseStep, failedLoginPause), Cap: failedLoginPause}
}

// Delay returns the pause after the n-th consecutive failure (n ≥ 1).
func (p Pause) Delay(n int) time.Duration {
	if n <= 1 || p.Cap <= 0 || p.Step <= 0 {
		return 0
	}
	d := p.Step
	for i := 2; i < n && d < p.Cap; i++ {
		d *= 2
	}
	return min(d, p.Cap)
}

// Throttle paces the logins of one connection. Failures count per
// connection and, through an optional FailureLog shared by the process,
// per user, so reconnecting does not reset the count for a user who keeps
// failing. Not safe for concurrent use: one connection, one goroutine.
type Throttle struct {
	pause    Pause
	users    *FailureLog
	clock    Clock
	failures int
}

// NewThrottle returns a throttle for one connection. users may be nil;
// clock nil means SystemClock.
func NewThrottle(p Pause, users *FailureLog, clock Clock) *Throttle {
	if clock == nil {
		clock = SystemClock{}
	}
	return &Throttle{pause: p, users: users, clock: clock}
}

// Failed records a failed login for user ("" when the name was
// unusable) and returns how long to wait before answering NO.
func (t *Throttle) Failed(user string) time.Duration {
	t.failures++
	n := t.failures
	if t.users != nil && user != "" {
		n = max(n, t.users.Failed(user))
	}
	return t.pause.Delay(n)
}

// Succeeded resets the counts after a successful login.
func (t *Throttle) Succeeded(user string) {
	t.failures = 0
	if t.users != nil {
		t.users.Succeeded(user)
	}
}

// Failures returns the consecutive failures on this connection.
func (t *Throttle) Failures() int { return t.failures }

// Wait sleeps d on the throttle's clock, or until ctx ends.
func (t *Throttle) Wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	select {
	case <-t.clock.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

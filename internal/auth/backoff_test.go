package auth

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// fakeClock's time moves only when told; After fires at once and records
// how long the caller wanted to sleep.
type fakeClock struct {
	now    time.Time
	slept  []time.Duration
	block  bool           // After never fires
	closed chan time.Time // already closed: After fires at once
}

func newFakeClock() *fakeClock {
	c := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), closed: make(chan time.Time)}
	close(c.closed)
	return c
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.slept = append(c.slept, d)
	if c.block {
		return nil
	}
	return c.closed
}

func TestPauseDelay(t *testing.T) {
	p := PauseFor(3 * time.Second)
	want := []time.Duration{0, 500 * time.Millisecond, time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second}
	for i, w := range want {
		if got := p.Delay(i + 1); got != w {
			t.Errorf("Delay(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := p.Delay(1000); got != 3*time.Second {
		t.Errorf("Delay(1000) = %v", got)
	}
	tests := []struct {
		p    Pause
		n    int
		want time.Duration
	}{
		{PauseFor(0), 5, 0},
		{PauseFor(200 * time.Millisecond), 2, 200 * time.Millisecond},
		{Pause{Step: time.Second, Cap: 10 * time.Second}, 0, 0},
	}
	for _, tt := range tests {
		if got := tt.p.Delay(tt.n); got != tt.want {
			t.Errorf("%+v.Delay(%d) = %v, want %v", tt.p, tt.n, got, tt.want)
		}
	}
}

func TestThrottlePerConnectionAndUser(t *testing.T) {
	clock := newFakeClock()
	log := NewFailureLog(clock, time.Minute, 0)
	p := PauseFor(3 * time.Second)

	c1 := NewThrottle(p, log, clock)
	if d := c1.Failed("alice"); d != 0 {
		t.Errorf("first failure paused %v", d)
	}
	if d := c1.Failed("bob"); d != 500*time.Millisecond {
		t.Errorf("second failure on the connection: %v", d)
	}
	// A new connection for alice continues alice's count.
	c2 := NewThrottle(p, log, clock)
	if d := c2.Failed("alice"); d != 500*time.Millisecond {
		t.Errorf("alice's second failure on a new connection: %v", d)
	}
	clock.now = clock.now.Add(2 * time.Minute)
	c3 := NewThrottle(p, log, clock)
	if d := c3.Failed("alice"); d != 0 || log.Count("alice") != 1 {
		t.Errorf("after the window: pause %v, count %d", d, log.Count("alice"))
	}
	c3.Succeeded("alice")
	if c3.Failures() != 0 || log.Count("alice") != 0 {
		t.Errorf("success did not reset: %d / %d", c3.Failures(), log.Count("alice"))
	}
	if d := NewThrottle(p, nil, clock).Failed(""); d != 0 {
		t.Errorf("no log, first failure: %v", d)
	}
}

func TestThrottleWait(t *testing.T) {
	clock := newFakeClock()
	th := NewThrottle(PauseFor(time.Second), nil, clock)
	if err := th.Wait(context.Background(), 700*time.Millisecond); err != nil || len(clock.slept) != 1 || clock.slept[0] != 700*time.Millisecond {
		t.Errorf("Wait: %v, slept %v", err, clock.slept)
	}
	clock.block = true
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := th.Wait(ctx, time.Hour); err == nil {
		t.Error("Wait ignored a cancelled context")
	}
}

func TestFailureLogBounded(t *testing.T) {
	clock := newFakeClock()
	log := NewFailureLog(clock, time.Minute, 10)
	for i := 0; i < 1000; i++ {
		log.Failed(fmt.Sprint("user", i))
	}
	if n := len(log.users); n > 10 {
		t.Errorf("log holds %d users, limit 10", n)
	}
	if log.Count("user999") != 1 {
		t.Error("newest entry missing")
	}
}

package master

import "time"

// forkBucket paces forks for maxforkrate. Cyrus keeps an exponentially
// decaying estimate of forks per second and defers a fork while it is at
// or above the limit; a token bucket with a one-second burst gives the same
// ceiling (at most maxforkrate forks in any second) and is exact to test.
type forkBucket struct {
	rate   float64 // forks per second; 0 = unlimited
	tokens float64
	last   time.Time
}

func newForkBucket(rate int) forkBucket {
	return forkBucket{rate: float64(rate), tokens: float64(rate)}
}

// take spends one fork if the rate allows it now.
func (b *forkBucket) take(now time.Time) bool {
	if b.rate <= 0 {
		return true
	}
	if !b.last.IsZero() {
		b.tokens += now.Sub(b.last).Seconds() * b.rate
		if b.tokens > b.rate {
			b.tokens = b.rate
		}
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// forkRetryDelay is how long a deferred fork waits, as Cyrus (0.4 s).
const forkRetryDelay = 400 * time.Millisecond

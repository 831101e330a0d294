package idle

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/unix"
)

// Sending errors callers may branch on.
var (
	// ErrUnreachable: nothing listens at the destination socket (no such
	// file, or a file left by a process that is gone). For a Notifier or
	// Watcher this means idled is not running; IDLE then polls.
	ErrUnreachable = errors.New("idled socket not reachable")
	// ErrBusy: the destination's queue stayed full for the whole send
	// budget; the datagram was dropped.
	ErrBusy = errors.New("idled socket queue full")
	// ErrClosed: the Notifier or Watcher was closed.
	ErrClosed = errors.New("idle client closed")
)

// SendBudget bounds how long a client send waits when idled's queue is
// full. Linux queues only max_dgram_qlen datagrams (10 by default) per
// unix datagram socket, so a burst of notifications may briefly fill it;
// waiting a little saves the wake-up without ever holding up a command or
// a delivery noticeably.
const SendBudget = 5 * time.Millisecond

// retryPause is the pause between two tries within SendBudget.
const retryPause = 250 * time.Microsecond

// sendNow is one non-blocking sendto, retried only on EINTR. The address
// is made afresh each time: a SockaddrUnix keeps a buffer that Sendto
// writes, so it cannot be shared between goroutines.
func sendNow(fd int, b []byte, path string) error {
	sa := &unix.SockaddrUnix{Name: path}
	for {
		err := unix.Sendto(fd, b, unix.MSG_DONTWAIT, sa)
		if err != unix.EINTR {
			return err
		}
	}
}

// sendBounded calls try until it succeeds, fails other than with EAGAIN,
// or budget (cut short by ctx) is spent, and classifies the error.
func sendBounded(ctx context.Context, budget time.Duration, try func() error) error {
	deadline := time.Now().Add(budget)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	for {
		err := try()
		if !errors.Is(err, unix.EAGAIN) {
			return classify(err)
		}
		if ctx.Err() != nil || time.Now().Add(retryPause).After(deadline) {
			return ErrBusy
		}
		time.Sleep(retryPause)
	}
}

// classify maps sendto's errors onto the sentinels.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case isGone(err):
		return fmt.Errorf("%w: %w", ErrUnreachable, err)
	case errors.Is(err, unix.EAGAIN):
		return ErrBusy
	}
	return err
}

// isGone reports whether a send failed because nobody is bound at the
// destination any more: the file is gone (ENOENT) or left behind by a
// process that exited (ECONNREFUSED).
func isGone(err error) bool {
	return errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ECONNREFUSED)
}

package service

import (
	"errors"
	"fmt"
	"net"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// Accept retry back-off after a temporary failure, so a worker out of file
// descriptors does not spin.
const (
	minBackoff = 5 * time.Millisecond
	maxBackoff = time.Second
)

// accept waits for the next connection until deadline (zero: forever).
func (w *Worker) accept(deadline time.Time) (net.Conn, error) {
	var backoff time.Duration
	for {
		w.arm(deadline)
		if err := w.idleCheck(); err != nil {
			w.disarm()
			return nil, err
		}
		c, err := w.ln.Accept(deadline)
		w.disarm()
		if err == nil {
			return c, nil
		}
		if err := w.waitError(err, deadline); err != nil {
			return nil, err
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			continue
		}
		backoff = min(max(2*backoff, minBackoff), maxBackoff)
		w.Log.Warn().Err(err).Dur("retry_in", backoff).Msg("accept failed")
		if !w.sleep(backoff) {
			return nil, errStopped
		}
	}
}

// waitError sorts an error from Accept (or a datagram wait): nil means try
// again (after a back-off unless it was a deadline), otherwise it is the
// reason to leave the loop.
func (w *Worker) waitError(err error, deadline time.Time) error {
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		if w.sig.stopping() {
			return errStopped
		}
		if !deadline.IsZero() && !time.Now().Before(deadline) {
			return errExpired
		}
		return nil
	case errors.Is(err, net.ErrClosed):
		return fmt.Errorf("accept: %w", err)
	case temporary(err):
		return nil
	}
	return fmt.Errorf("accept: %w", err)
}

// temporary lists the accept(2) errors that say "try again later": resource
// shortage and the network errors Linux passes on from the new connection.
func temporary(err error) bool {
	var errno unix.Errno
	if !errors.As(err, &errno) {
		return false
	}
	switch errno {
	case unix.EMFILE, unix.ENFILE, unix.ENOBUFS, unix.ENOMEM, unix.EINTR,
		unix.EAGAIN, unix.ECONNABORTED, unix.EPROTO, unix.ENETDOWN,
		unix.ENOPROTOOPT, unix.EHOSTDOWN, unix.ENONET, unix.EHOSTUNREACH,
		unix.EOPNOTSUPP, unix.ENETUNREACH, unix.ECONNREFUSED:
		return true
	}
	return false
}

// sleep waits d, or less if the worker is told to stop (then false).
func (w *Worker) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-w.sig.stop:
		return false
	}
}

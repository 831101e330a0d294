package notify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"
)

// DefaultSendTimeout bounds one Send: long enough for a busy notifyd to
// drain its queue a little, short enough that a delivery never waits on it.
const DefaultSendTimeout = 250 * time.Millisecond

// ErrUnavailable is wrapped by Send when notifyd cannot take the datagram:
// its socket is missing or has no reader, or its queue stayed full for the
// whole timeout. Callers log it and go on; the notification is lost, as in
// Cyrus.
var ErrUnavailable = errors.New("notifyd unavailable")

// Sender sends notifications to notifyd's socket (imapd.conf notifysocket,
// by default {configdirectory}/socket/notify). It is safe for concurrent
// use: every Send uses its own socket, so a notifyd restarted by master, or
// a socket re-created by a restarted master, is found again at once.
type Sender struct {
	path string
	// Timeout bounds each Send (DefaultSendTimeout from NewSender). A
	// deadline on Send's context that comes sooner wins.
	Timeout time.Duration
}

// NewSender returns a Sender for the unix datagram socket at socketPath.
func NewSender(socketPath string) *Sender {
	return &Sender{path: socketPath, Timeout: DefaultSendTimeout}
}

// Send encodes n and sends it as one datagram, as Cyrus's notify() does,
// without waiting for an answer (notifyd sends none). It never blocks
// longer than the Sender's timeout: a missing notifyd or a full queue gives
// an error wrapping ErrUnavailable, for the caller to log once.
func (s *Sender) Send(ctx context.Context, n Notification) error {
	b, err := n.Encode()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("notify %s: %w", s.path, err)
	}
	deadline := time.Now().Add(s.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	c, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: s.path, Net: "unixgram"})
	if err != nil {
		return fmt.Errorf("notify %s: %w", s.path, unavailable(err))
	}
	defer c.Close()
	_ = c.SetWriteDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { _ = c.SetWriteDeadline(time.Unix(1, 0)) })
	defer stop()
	w, err := c.Write(b)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("notify %s: %w", s.path, ctx.Err())
		}
		return fmt.Errorf("notify %s: %w", s.path, unavailable(err))
	}
	if w < len(b) {
		// Datagrams are all or nothing; this would be a kernel surprise.
		return fmt.Errorf("notify %s: short write (%d of %d bytes)", s.path, w, len(b))
	}
	return nil
}

// unavailable marks the errors that mean "nobody is reading the socket".
func unavailable(err error) error {
	switch {
	case errors.Is(err, syscall.ENOENT), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ENOTSOCK), errors.Is(err, syscall.EPROTOTYPE),
		errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, syscall.EAGAIN):
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return err
}

package notify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"github.com/rs/zerolog"
)

const (
	// firstReadWait bounds the read of the datagram the worker was woken
	// for; it is already queued, so this only guards against surprises.
	firstReadWait = time.Second
	// burstReadWait is how long to look for more queued datagrams before
	// going back to the worker loop.
	burstReadWait = time.Millisecond
	// maxBurst bounds the datagrams handled per wake-up, so that signals
	// (seen between wake-ups) are not held off by a flood.
	maxBurst = 64
)

// Server is notifyd's handler: it reads datagrams, decodes them, dispatches
// them and logs what fails, once.
type Server struct {
	// Dispatcher carries out each decoded notification.
	Dispatcher *Dispatcher
	// Log carries the worker's fields; failures are logged here.
	Log zerolog.Logger
}

// ServePackets has the signature of (*service.Worker).ServePackets's
// function. It handles the queued datagram the worker was woken for and
// any that arrived with it, up to maxBurst, and returns nil so that the
// worker loop can look at signals, -U and -T before waiting again. Cyrus's
// notifyd instead reads datagrams forever in one "connection"; the effect
// on senders is the same.
func (s *Server) ServePackets(ctx context.Context, pc net.PacketConn) error {
	buf := make([]byte, MaxSize+1) // one more, to see an oversize datagram
	wait := firstReadWait
	for range maxBurst {
		if ctx.Err() != nil {
			return nil
		}
		_ = pc.SetReadDeadline(time.Now().Add(wait))
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, net.ErrClosed) {
				return nil // nothing more queued, or shutting down
			}
			return fmt.Errorf("read notification: %w", err)
		}
		wait = burstReadWait
		if n > MaxSize {
			// Cut short by the buffer: its real size is unknown.
			s.Log.Warn().Err(fmt.Errorf("%w (over %d bytes)", ErrTooLarge, MaxSize)).
				Msg("malformed notify request")
			continue
		}
		s.handle(ctx, buf[:n])
	}
	return nil
}

// ServeReader handles the one datagram read from r (notifyd -X reads
// standard input) and returns its error, unlogged, for the caller.
func (s *Server) ServeReader(ctx context.Context, r io.Reader) error {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return fmt.Errorf("read notification: %w", err)
	}
	return s.Handle(ctx, b)
}

// Handle decodes and dispatches one datagram, returning what went wrong.
func (s *Server) Handle(ctx context.Context, datagram []byte) error {
	n, err := Decode(datagram)
	if err != nil {
		return err
	}
	return s.dispatch(ctx, n)
}

func (s *Server) dispatch(ctx context.Context, n Notification) error {
	s.Log.Debug().Str("method", n.Method).Str("class", n.Class).
		Str("user", n.User).Str("mailbox", n.Mailbox).Msg("notification received")
	return s.Dispatcher.Dispatch(ctx, n)
}

// handle is Handle with the error logged: a sender's mistake (malformed
// datagram, unknown method) as a warning, a failing method as an error.
// The message text is not logged.
func (s *Server) handle(ctx context.Context, datagram []byte) {
	n, err := Decode(datagram)
	if err != nil {
		s.Log.Warn().Err(err).Int("bytes", len(datagram)).Msg("malformed notify request")
		return
	}
	if err := s.dispatch(ctx, n); err != nil {
		ev := s.Log.Error()
		if errors.Is(err, ErrUnknownMethod) {
			ev = s.Log.Warn()
		}
		ev.Err(err).Str("class", n.Class).Str("user", n.User).Str("mailbox", n.Mailbox).
			Msg("notification failed")
	}
}

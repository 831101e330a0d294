package service

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// ServePackets is Serve for datagram services (proto=udp, unix datagram
// sockets such as notifyd's). As Cyrus, there is no accept: the worker
// holding the accept lock waits until a datagram is readable (peeking, so it
// stays queued), reports UNAVAILABLE and CONNECTION, and hands the socket
// itself to fn. fn reads what it wants and returns nil to wait for more (the
// worker then reports AVAILABLE, subject to -U, -T and signals like Serve),
// ErrDone to make the worker exit cleanly, or another error, which
// ServePackets returns.
func (w *Worker) ServePackets(ctx context.Context, fn func(ctx context.Context, pc net.PacketConn) error) error {
	if w.pc == nil {
		return errors.New("serve packets: no datagram socket on fd 4")
	}
	return w.loop(ctx, func(deadline time.Time) (client, error) {
		if err := w.awaitDatagram(deadline); err != nil {
			return client{}, err
		}
		return client{
			run:   func(ctx context.Context) error { return fn(ctx, w.pc) },
			abort: func() { _ = w.pc.SetReadDeadline(time.Unix(1, 0)) },
		}, nil
	})
}

// awaitDatagram waits until a datagram is queued or deadline passes.
func (w *Worker) awaitDatagram(deadline time.Time) error {
	var backoff time.Duration
	for {
		w.arm(deadline)
		if err := w.idleCheck(); err != nil {
			w.disarm()
			return err
		}
		err := peek(w.pc)
		w.disarm()
		if err == nil {
			return nil
		}
		if err := w.waitError(err, deadline); err != nil {
			return err
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			continue
		}
		backoff = min(max(2*backoff, minBackoff), maxBackoff)
		w.Log.Warn().Err(err).Dur("retry_in", backoff).Msg("datagram wait failed")
		if !w.sleep(backoff) {
			return errStopped
		}
	}
}

// peek blocks (honouring pc's read deadline) until a datagram can be read,
// without consuming it.
func peek(pc net.PacketConn) error {
	sc, ok := pc.(syscall.Conn)
	if !ok {
		return fmt.Errorf("peek: %T has no raw socket", pc)
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return fmt.Errorf("peek: %w", err)
	}
	var buf [1]byte
	var perr error
	err = rc.Read(func(fd uintptr) bool {
		for {
			_, _, perr = unix.Recvfrom(int(fd), buf[:], unix.MSG_PEEK|unix.MSG_DONTWAIT)
			if perr != unix.EINTR {
				return perr != unix.EAGAIN
			}
		}
	})
	if err != nil {
		return err
	}
	if perr != nil {
		return fmt.Errorf("peek: %w", perr)
	}
	return nil
}

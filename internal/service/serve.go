package service

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// ErrDone, returned by a ServePackets function, asks the worker to exit
// cleanly instead of waiting for the next datagram.
var ErrDone = errors.New("service: worker done")

// errUpgraded says the program's executable was replaced or removed.
var errUpgraded = errors.New("executable changed on disk")

// client is a taken connection (or readable datagram socket): run serves it
// and returns, abort closes it under a handler that ignores shutdown.
type client struct {
	run   func(context.Context) error
	abort func()
}

// Serve runs the prefork accept loop on the listener master handed over on
// fd 4, serving each client with h, until the worker should exit: -U uses
// reached, -T reuse timeout, SIGHUP, SIGTERM or ctx ending, the executable
// replaced on disk, or master gone. It returns nil on such a clean exit.
// Under -X it serves standard input/output once and returns.
func (w *Worker) Serve(ctx context.Context, h Handler) error {
	if w.Flags.Stdio {
		return w.serveStdio(ctx, h)
	}
	if w.ln == nil {
		return errors.New("serve: no listening stream socket on fd 4")
	}
	return w.loop(ctx, func(deadline time.Time) (client, error) {
		c, err := w.accept(deadline)
		if err != nil {
			return client{}, err
		}
		w.keepAlive(c)
		w.Log.Debug().Str("remote", c.RemoteAddr().String()).Msg("accepted")
		return client{
			run:   func(ctx context.Context) error { h.ServeConn(ctx, c); return c.Close() },
			abort: func() { _ = c.Close() },
		}, nil
	})
}

// loop is service.c's main loop, shared by stream and datagram services:
// lock, wait for a client, unlock, report, serve, decide whether to go on.
func (w *Worker) loop(ctx context.Context, wait func(deadline time.Time) (client, error)) error {
	defer context.AfterFunc(ctx, w.sig.terminate)()
	for {
		if err := w.idleCheck(); err != nil {
			return w.leaveIdle(err)
		}
		deadline := w.reuseDeadline()
		settle := time.AfterFunc(idleRelease, w.releaseMemory)
		c, err := w.lockedWait(deadline, wait)
		settle.Stop()
		if err != nil {
			return w.leaveIdle(err)
		}
		exitAfter := w.take()
		if err := w.runClient(ctx, c.run, c.abort); err != nil {
			if errors.Is(err, ErrDone) {
				return nil
			}
			return err
		}
		if reason := w.exitReason(exitAfter); reason != "" {
			w.Log.Info().Str("reason", reason).Int("uses", w.Uses()).Msg("exiting")
			return nil
		}
		if err := w.status.send(StatusAvailable); err != nil {
			w.Log.Info().Err(err).Msg("exiting")
			return nil
		}
	}
}

// lockedWait holds the accept lock exactly while waiting for a client.
func (w *Worker) lockedWait(deadline time.Time, wait func(time.Time) (client, error)) (client, error) {
	var expire <-chan time.Time
	if !deadline.IsZero() {
		t := time.NewTimer(time.Until(deadline))
		defer t.Stop()
		expire = t.C
	}
	if err := w.lock.lock(w.sig.stop, expire); err != nil {
		return client{}, err
	}
	c, err := wait(deadline)
	if uerr := w.lock.unlock(); uerr != nil && err == nil {
		c.abort()
		return client{}, uerr
	}
	return c, err
}

// take reports the new client to master, as Cyrus: UNAVAILABLE, then
// CONNECTION, then the use is counted. It returns true when the worker must
// exit after this client (executable replaced, master gone).
func (w *Worker) take() (exitAfter bool) {
	if w.exe.changed() {
		w.Log.Info().Str("exe", w.exe.path).Msg("executable changed on disk; exiting after this client")
		exitAfter = true
	}
	for _, msg := range []int32{StatusUnavailable, StatusConnection} {
		if err := w.status.send(msg); errors.Is(err, errMasterGone) {
			exitAfter = true
		} else if err != nil {
			w.Log.Error().Err(err).Str("status", StatusName(msg)).Msg("cannot tell master")
		}
	}
	w.uses.Add(1)
	return exitAfter
}

// exitReason says why the worker should not take another client, or "".
func (w *Worker) exitReason(exitAfter bool) string {
	switch {
	case w.sig.term.Load():
		return "SIGTERM"
	case w.sig.hup.Load():
		return "SIGHUP"
	case exitAfter:
		return "executable changed or master gone"
	case w.Flags.MaxUses > 0 && w.Uses() >= w.Flags.MaxUses:
		return "max uses reached"
	}
	return ""
}

// idleCheck returns why an idle worker should exit now, or nil.
func (w *Worker) idleCheck() error {
	switch {
	case w.sig.stopping():
		return errStopped
	case w.exe.changed():
		return errUpgraded
	}
	return nil
}

// leaveIdle ends the loop of a worker that has no client. As Cyrus it tells
// master it is no longer available; a clean reason is not an error.
func (w *Worker) leaveIdle(why error) error {
	_ = w.status.send(StatusUnavailable)
	switch {
	case errors.Is(why, errStopped), errors.Is(why, errExpired),
		errors.Is(why, errUpgraded), errors.Is(why, errMasterGone):
		w.Log.Info().Str("reason", why.Error()).Int("uses", w.Uses()).Msg("exiting")
		return nil
	}
	return fmt.Errorf("serve: %w", why)
}

// reuseDeadline is when an idle worker gives up waiting: as Cyrus, only
// after its first client, and at a random point in [T, 2T) so that workers
// freed together do not all exit together.
func (w *Worker) reuseDeadline() time.Time {
	t := w.Flags.ReuseTimeout
	if t <= 0 || w.Uses() == 0 {
		return time.Time{}
	}
	return time.Now().Add(t + rand.N(t))
}

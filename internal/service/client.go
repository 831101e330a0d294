package service

import (
	"context"
	"time"
)

// shutdownGrace is how long a terminating worker waits for its client's
// handler after cancelling its context, before closing the connection.
const shutdownGrace = 5 * time.Second

// abortGrace is how long it then waits for the handler to notice the closed
// connection before giving up on it (the process exits anyway).
const abortGrace = time.Second

// runClient runs serve on its own goroutine and waits for it, returning its
// error. On SIGTERM it cancels serve's context, waits shutdownGrace, then
// calls abort (close the connection) and waits abortGrace more. A handler
// stuck past that is abandoned (nil is returned): the worker is about to
// exit.
func (w *Worker) runClient(ctx context.Context, serve func(context.Context) error, abort func()) error {
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	var err error
	go func() {
		defer close(done)
		err = serve(cctx)
	}()
	select {
	case <-done:
		return err
	case <-w.sig.termCh:
	}
	cancel()
	if waitFor(done, shutdownGrace) {
		return err
	}
	w.Log.Warn().Dur("grace", shutdownGrace).Msg("client handler ignored shutdown; closing its connection")
	abort()
	if waitFor(done, abortGrace) {
		return err
	}
	w.Log.Error().Msg("client handler did not return after its connection was closed")
	return nil
}

// waitFor waits up to d for done to close and reports whether it did.
func waitFor(done <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

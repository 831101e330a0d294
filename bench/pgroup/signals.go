package pgroup

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// Interruptible returns the context of a benchmark's run. The first
// SIGINT, SIGTERM or SIGHUP cancels it: the current case stops at its next
// check and stops its processes. A second stops every process at once and
// exits 130, as a shell does for a program ended by SIGINT. end stops
// every process still running, cancels the context and gives the signals
// back their default action; defer it (later calls do nothing).
func Interruptible() (ctx context.Context, end func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	ended := make(chan struct{})
	// Registered before returning, so no signal in between takes its
	// default action and leaves the processes behind.
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		select {
		case <-sigs:
		case <-ended:
			return
		}
		fmt.Fprintf(os.Stderr, "%s: interrupted; stopping (again to force)\n", prog())
		cancel()
		select {
		case <-sigs:
		case <-ended:
			return
		}
		StopAll()
		os.Exit(130)
	}()
	return ctx, sync.OnceFunc(func() {
		// Still interruptible while the processes stop: a second signal
		// then exits at once.
		StopAll()
		cancel()
		signal.Stop(sigs)
		close(ended)
	})
}

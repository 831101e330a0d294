// Command echoworker is a tiny Corvus worker used by the tests of master and
// internal/service until the real workers exist. It takes the generic worker
// flags (-C -U -T -D -X) and:
//
//   - on a stream service greets each client with "HELLO <pid> <service>
//     <uses>" and answers the lines ECHO x, PID, SLEEP <ms>, IDLES (how
//     often the worker's OnIdle ran) and QUIT;
//   - on a datagram service answers each datagram with "HELLO <pid>";
//   - as a DAEMON (CYRUS_ISDAEMON=1) writes -pidfile, tells master it is up
//     when given -wait, and waits for SIGTERM.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/corvusmail/corvus/internal/service"
)

func main() {
	fs := flag.NewFlagSet("echoworker", flag.ExitOnError)
	flags := service.RegisterFlags(fs)
	greet := fs.Bool("greet", true, "greet each client with HELLO")
	delay := fs.Duration("delay", 0, "wait this long before greeting")
	wait := fs.Bool("wait", false, "DAEMON: tell master when ready")
	pidfile := fs.String("pidfile", "", "DAEMON: write the pid to this file")
	_ = fs.Parse(os.Args[1:])

	w, err := service.New("echoworker", flags)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(75) // EX_TEMPFAIL, as Cyrus's fatal()
	}
	var idles atomic.Int64
	w.OnIdle = func() { idles.Add(1) }
	ctx := context.Background()
	switch {
	case w.Daemon:
		err = daemon(ctx, w, *wait, *pidfile)
	case w.Datagram():
		err = w.ServePackets(ctx, answer)
	default:
		err = w.Serve(ctx, &echo{w: w, greet: *greet, delay: *delay, idles: &idles})
	}
	if err != nil {
		w.Log.Error().Err(err).Msg("worker failed")
		os.Exit(70) // EX_SOFTWARE
	}
}

// echo is the stream protocol.
type echo struct {
	w     *service.Worker
	greet bool
	delay time.Duration
	idles *atomic.Int64
}

func (e *echo) ServeConn(ctx context.Context, c net.Conn) {
	// On SIGTERM, unblock the read below so the worker exits promptly.
	defer context.AfterFunc(ctx, func() { _ = c.SetDeadline(time.Unix(1, 0)) })()
	if !pause(ctx, e.delay) {
		return
	}
	if e.greet {
		fmt.Fprintf(c, "HELLO %d %s %d\r\n", os.Getpid(), e.w.Service, e.w.Uses())
	}
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		cmd, arg, _ := strings.Cut(strings.TrimRight(sc.Text(), "\r"), " ")
		switch strings.ToUpper(cmd) {
		case "ECHO":
			fmt.Fprintf(c, "%s\r\n", arg)
		case "PID":
			fmt.Fprintf(c, "%d\r\n", os.Getpid())
		case "IDLES":
			fmt.Fprintf(c, "%d\r\n", e.idles.Load())
		case "SLEEP":
			ms, _ := strconv.Atoi(arg)
			if !pause(ctx, time.Duration(ms)*time.Millisecond) {
				return
			}
			fmt.Fprint(c, "OK\r\n")
		case "QUIT":
			fmt.Fprint(c, "BYE\r\n")
			return
		default:
			fmt.Fprint(c, "ERR unknown command\r\n")
		}
	}
}

// answer serves one datagram: "HELLO <pid>" back to a sender that has an
// address.
func answer(ctx context.Context, pc net.PacketConn) error {
	defer context.AfterFunc(ctx, func() { _ = pc.SetReadDeadline(time.Unix(1, 0)) })()
	buf := make([]byte, 2048)
	_, from, err := pc.ReadFrom(buf)
	if ctx.Err() != nil {
		return service.ErrDone
	}
	if err != nil {
		return err
	}
	if from == nil || from.String() == "" || from.String() == "<nil>" {
		return nil
	}
	_, err = pc.WriteTo(fmt.Appendf(nil, "HELLO %d", os.Getpid()), from)
	return err
}

// daemon is the DAEMON mode: ready, then wait for SIGTERM.
func daemon(ctx context.Context, w *service.Worker, wait bool, pidfile string) error {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	if pidfile != "" {
		if err := os.WriteFile(pidfile, fmt.Appendf(nil, "%d\n", os.Getpid()), 0o644); err != nil {
			return err
		}
	}
	if wait {
		if err := w.Ready(); err != nil {
			return err
		}
	}
	<-ctx.Done()
	return nil
}

// pause sleeps d unless ctx ends first; it reports whether it slept fully.
func pause(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

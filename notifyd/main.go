// Command notifyd is Corvus's notification daemon, started by master as
// Cyrus starts its notifyd: a SERVICES entry with proto="udp" on a unix
// datagram socket. It takes Cyrus's flags, the generic worker flags
// (-C -U -T -D -X) and -m (the default method), reads notification
// datagrams from lmtpd and Sieve, and hands each to its method. This file
// only wires flags, configuration and packages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/corvusmail/corvus/internal/logging"
	"github.com/corvusmail/corvus/internal/notify"
	"github.com/corvusmail/corvus/internal/service"
)

// Exit statuses, from sysexits.h as Cyrus uses them.
const (
	exUsage    = 64 // unknown or unsupported -m method; run as root (as Cyrus)
	exSoftware = 70 // the worker failed while serving
	exTempFail = 75 // cannot start
)

// drainWait bounds the wait for queued notifications when notifyd exits.
const drainWait = 5 * time.Second

// cmdline holds where notifyd's command line lands once parsed.
type cmdline struct {
	worker *service.Flags
	method *string
}

// newFlagSet builds notifyd's flag set: the generic worker flags and -m,
// as Cyrus's notifyd takes them. notifyd(8) documents each one.
func newFlagSet() (*flag.FlagSet, *cmdline) {
	fs := flag.NewFlagSet("notifyd", flag.ExitOnError)
	cl := &cmdline{worker: service.RegisterFlags(fs)}
	cl.method = fs.String("m", notify.DefaultMethod, "default notification `method` for requests that name none")
	return fs, cl
}

func main() {
	fs, cl := newFlagSet()
	_ = fs.Parse(os.Args[1:])
	if err := refuseRoot(os.Geteuid()); err != nil {
		fatalEarly(err, exUsage)
	}

	w, err := service.New("notifyd", cl.worker)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(exTempFail)
	}
	d, err := notify.NewDispatcher(*cl.method, notify.Methods(methodOptions(w)))
	if err != nil {
		w.Log.Error().Err(err).Msg("notifyd cannot start")
		fmt.Fprintln(os.Stderr, "notifyd: -m:", err)
		os.Exit(exUsage)
	}
	srv := &notify.Server{Dispatcher: d, Log: w.Log}
	ctx := context.Background()
	if w.Flags.Stdio {
		if err := srv.ServeReader(ctx, os.Stdin); err != nil {
			w.Log.Error().Err(err).Msg("notification failed")
			os.Exit(1)
		}
		return
	}
	err = w.ServePackets(ctx, srv.ServePackets)
	// Queued notifications get a few seconds to finish: less than
	// master's grace before SIGKILL.
	drain, cancel := context.WithTimeout(ctx, drainWait)
	if cerr := srv.Close(drain); cerr != nil {
		w.Log.Warn().Err(cerr).Int64("dropped_total", srv.Dropped()).Msg("exiting with notifications unfinished")
	}
	cancel()
	if err != nil {
		w.Log.Error().Err(err).Msg("worker failed")
		os.Exit(exSoftware)
	}
}

// refuseRoot stops notifyd running as root, as Cyrus's does: it runs
// programs (sendmail, notify_external) for whoever can write to its
// world-writable socket.
func refuseRoot(euid int) error {
	if euid == 0 {
		return errors.New("must run as the Cyrus user, not root")
	}
	return nil
}

// fatalEarly reports a failure before the worker's logging is set up, to
// syslog and standard error, and exits with code.
func fatalEarly(err error, code int) {
	l, closer := logging.New(logging.Options{Ident: "notifyd"})
	l.Error().Err(err).Msg("notifyd cannot start")
	if closer != nil {
		_ = closer.Close()
	}
	fmt.Fprintln(os.Stderr, "notifyd:", err)
	os.Exit(code)
}

// methodOptions reads what the methods need from imapd.conf (the service's
// view, so that notify_sendmail and the like apply).
func methodOptions(w *service.Worker) notify.Options {
	c := w.Config
	return notify.Options{
		Log:        w.Log,
		Sendmail:   c.String("sendmail"),
		Postmaster: c.String("postmaster"),
		ServerName: c.String("servername"),
		External:   c.String("notify_external"),
	}
}

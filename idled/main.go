// Command idled is Corvus's IDLE daemon, started by master from the DAEMON
// section of cyrus.conf as Cyrus starts its idled (idled cmd="idled"). It
// takes Cyrus's one flag, -C, binds a unix datagram socket at imapd.conf's
// idlesocket and wakes the IDLE sessions of imapd when lmtpd or another
// imapd changes the mailbox they watch. This file only wires flags,
// configuration and packages together; internal/idle does the work.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/corvusmail/corvus/internal/idle"
	"github.com/corvusmail/corvus/internal/service"
)

// Exit statuses, from sysexits.h as Cyrus uses them.
const (
	exUsage    = 2  // as every Corvus program: a flag Go's flag package refuses
	exSoftware = 70 // the socket failed while serving
	exTempFail = 75 // cannot start
)

// socketMode lets the imapds and lmtpds, which run as the same user and
// group, send to idled, and nobody else.
const socketMode = 0o660

// newFlagSet builds idled's flag set: -C, the one flag of Cyrus's idled.
// idled(8) documents it.
func newFlagSet() (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("idled", flag.ExitOnError)
	conf := fs.String("C", service.DefaultConfigPath, "read `file` instead of "+service.DefaultConfigPath)
	return fs, conf
}

func main() {
	fs, conf := newFlagSet()
	_ = fs.Parse(os.Args[1:])
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "idled: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		os.Exit(exUsage)
	}
	os.Exit(run(*conf))
}

// run serves until SIGTERM, SIGINT or SIGHUP and returns the exit status.
func run(confPath string) int {
	// As Cyrus's idled, any of these ends it; master starts it again
	// (DAEMON entries are babysat), which also rereads imapd.conf. Caught
	// from the start, so that a signal right after "ok" to master, or
	// once the socket exists, still removes the socket.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	defer stop()
	st, err := loadSettings(confPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "idled:", err)
		return exTempFail
	}
	defer st.close()
	log := st.log
	sock, err := idle.Bind(st.socket, socketMode)
	if err != nil {
		log.Error().Err(err).Msg("idled cannot start")
		fmt.Fprintln(os.Stderr, "idled:", err)
		return exTempFail
	}
	// As Cyrus: the socket goes when idled exits cleanly, so imapds see
	// at once that they must poll.
	defer sock.Close()
	tellMasterReady(log)

	d := idle.NewDaemon(log)
	hib, err := startHibernation(ctx, st, d)
	if err != nil {
		// Wake-ups still work; sessions simply stay in their imapds.
		log.Error().Err(err).Msg("hibernation unavailable")
	}
	log.Info().Str("socket", st.socket).Msg("idled listening")
	err = d.Serve(ctx, sock.UnixConn)
	hib.stop()
	if err != nil {
		log.Error().Err(err).Msg("idled failed")
		return exSoftware
	}
	log.Info().Msg("idled exiting")
	return 0
}

// Command lmtpd is Corvus's LMTP delivery worker, started by master as
// Cyrus starts its lmtpd (`lmtp cmd="lmtpd" listen="lmtp"` over TCP,
// `lmtpunix cmd="lmtpd" listen="/var/lib/cyrus/socket/lmtp"` for the local
// MTA). It takes Cyrus's flags: the generic worker flags (-C -U -T -D -X)
// and -a, which pre-authorises clients on internet sockets; clients on a
// unix socket are always pre-authorised, as in Cyrus. This file only
// wires flags, configuration and packages together.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"

	"github.com/corvusmail/corvus/internal/lmtp"
	"github.com/corvusmail/corvus/internal/service"
)

// cmdline holds where lmtpd's command line lands once parsed.
type cmdline struct {
	worker  *service.Flags
	preAuth *bool
}

// newFlagSet builds lmtpd's flag set: the generic worker flags and -a, as
// Cyrus's lmtpd takes them. lmtpd(8) documents each one.
func newFlagSet() (*flag.FlagSet, *cmdline) {
	fs := flag.NewFlagSet("lmtpd", flag.ExitOnError)
	cl := &cmdline{worker: service.RegisterFlags(fs)}
	cl.preAuth = fs.Bool("a", false, "pre-authorise clients on internet sockets (no LMTP AUTH needed)")
	return fs, cl
}

func main() {
	fs, cl := newFlagSet()
	_ = fs.Parse(os.Args[1:])

	w, err := service.New("lmtpd", cl.worker)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(75) // EX_TEMPFAIL, as Cyrus's fatal()
	}
	d, err := build(w, *cl.preAuth)
	if err != nil {
		w.Log.Error().Err(err).Msg("lmtpd cannot start")
		os.Exit(75)
	}
	defer d.close()
	if err := w.Serve(context.Background(), d); err != nil {
		w.Log.Error().Err(err).Msg("worker failed")
		os.Exit(70) // EX_SOFTWARE
	}
}

// daemon serves each connection with the engine its socket calls for.
type daemon struct {
	open, auth *lmtp.Server // pre-authorised, and requiring AUTH
	adm        *admin       // proc file and deny list (sessions.go)
	close      func()
}

// ServeConn implements service.Handler. As Cyrus, a client on a unix
// socket (the local MTA) is trusted, as is -X's standard input; one on an
// internet socket must authenticate unless lmtpd runs with -a.
func (d *daemon) ServeConn(ctx context.Context, c net.Conn) {
	_, internet := c.LocalAddr().(*net.TCPAddr)
	defer d.adm.track(c, !internet || d.auth == nil)()
	if !internet || d.auth == nil {
		d.open.ServeConn(ctx, c)
		return
	}
	d.auth.ServeConn(ctx, c)
}

// Command imapd is Corvus's IMAP server worker, started by master as Cyrus
// starts its imapd. It takes Cyrus's flags: the generic worker flags
// (-C -U -T -D -X) and its own -s (implicit TLS), -N (no password check,
// testing only), -p ssf (external security strength) and -q (ignore
// quota), and Corvus's -R (serve the thaw service: resume sessions idled
// held in hibernation). This file only wires flags, configuration and
// packages together.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/auth/pwcheck"
	"github.com/corvusmail/corvus/internal/autocreate"
	"github.com/corvusmail/corvus/internal/hibernate"
	"github.com/corvusmail/corvus/internal/idle"
	"github.com/corvusmail/corvus/internal/imap/server"
	"github.com/corvusmail/corvus/internal/service"
	"github.com/corvusmail/corvus/internal/store/sqlite"
	"github.com/corvusmail/corvus/internal/tlsconf"
	"github.com/corvusmail/corvus/internal/version"
)

// cmdline holds where imapd's command line lands once parsed.
type cmdline struct {
	worker                                      *service.Flags
	implicitTLS, noPwCheck, ignoreQuota, resume *bool
	ssf                                         *int
}

// newFlagSet builds imapd's flag set: the generic worker flags and its own,
// as Cyrus's imapd takes them. imapd(8) documents each one.
func newFlagSet() (*flag.FlagSet, *cmdline) {
	fs := flag.NewFlagSet("imapd", flag.ExitOnError)
	cl := &cmdline{worker: service.RegisterFlags(fs)}
	cl.implicitTLS = fs.Bool("s", false, "imaps: start TLS on connect")
	cl.noPwCheck = fs.Bool("N", false, "bypass password checking (testing only)")
	cl.ssf = fs.Int("p", 0, "external security strength factor of the transport")
	cl.ignoreQuota = fs.Bool("q", false, "ignore quota")
	cl.resume = fs.Bool("R", false, "resume sessions idled hands over (the imap_thaw_socket service)")
	return fs, cl
}

func main() {
	fs, cl := newFlagSet()
	_ = fs.Parse(os.Args[1:])

	w, err := service.New("imapd", cl.worker)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(75) // EX_TEMPFAIL, as Cyrus's fatal()
	}
	srv, closeStore, err := build(w, *cl.implicitTLS, *cl.noPwCheck, *cl.ssf, *cl.ignoreQuota)
	if err != nil {
		w.Log.Error().Err(err).Msg("imapd cannot start")
		os.Exit(75)
	}
	defer closeStore()
	var h service.Handler = srv
	if *cl.resume {
		h = &hibernate.Thawer{Server: srv, Log: w.Log}
	}
	if err := w.Serve(context.Background(), h); err != nil {
		w.Log.Error().Err(err).Msg("worker failed")
		os.Exit(70) // EX_SOFTWARE
	}
}

// build reads the configuration and assembles the server.
func build(w *service.Worker, implicitTLS, noPwCheck bool, ssf int, ignoreQuota bool) (*server.Server, func(), error) {
	c := w.Config
	acfg := auth.ConfigFrom(c)
	checker, scram, err := pwcheck.New(acfg, w.Log)
	if err != nil {
		return nil, nil, fmt.Errorf("sasl_pwcheck_method: %w", err)
	}
	tlsCfg, err := tlsconf.Server(c)
	if err != nil {
		return nil, nil, err
	}
	if implicitTLS && tlsCfg == nil {
		return nil, nil, fmt.Errorf("-s given but tls_server_cert/tls_server_key are not set")
	}
	part, ok := c.Partition("default")
	if !ok {
		return nil, nil, fmt.Errorf("partition-default is not set")
	}
	// A worker serves one client at a time, and with hibernation a
	// different user after each: keeping many closed accounts open (about
	// 150 kB of sqlite each, BenchmarkIdleAccountMemory) would only grow
	// every worker.
	st, err := sqlite.Open(sqlite.Options{Partition: part, ConfigDir: c.String("configdirectory"), MaxIdleAccounts: 2})
	if err != nil {
		return nil, nil, fmt.Errorf("open store: %w", err)
	}
	// Waiting for the next client, most likely another user's (service's
	// idleRelease), the worker keeps no account open.
	w.OnIdle = st.CloseIdle
	idled := idle.NewClient(c.String("idlesocket"), w.Log)
	freezer := &hibernate.Freezer{Socket: hibernate.SocketPath(c.String("idlesocket")), Log: w.Log}
	name := c.String("servername")
	if name == "" {
		name, _ = os.Hostname()
	}
	srv := server.New(server.Options{
		ServerName: name, ServerInfo: c.String("serverinfo"), Version: version.Version,
		ConfigDir: c.String("configdirectory"), Ident: w.Service,
		TelemetryBySessionID: c.Switch("telemetry_bysessionid"),
		Auth:                 auth.NewServer(auth.ServerOptions{Config: acfg, Checker: checker, Scram: scram}),
		FailedLoginPause:     acfg.FailedLoginPause,
		NoPasswordCheck:      noPwCheck, ExternalSSF: ssf, IgnoreQuota: ignoreQuota,
		TLS: tlsCfg, ImplicitTLS: implicitTLS,
		Store: st, MaxMessageSize: c.ByteSize("maxmessagesize"), Autocreate: autocreate.SettingsFrom(c),
		UnixHierarchySep: c.Switch("unixhierarchysep"), AltNamespace: c.Switch("altnamespace"),
		Timeout: c.Duration("timeout"), IdleTimeout: c.Duration("imapidletimeout"),
		PreloginTimeout: c.Duration("imap_prelogin_timeout"), CommandTimeout: c.Duration("imap_command_timeout"),
		IdlePoll: c.Duration("imapidlepoll"), Idled: idled,
		HibernateAfter: c.Duration("imap_hibernate_timeout"), Hibernate: freezer.Hibernate,
		Log: w.Log,
	})
	return srv, func() { idled.Close(); st.Close() }, nil
}

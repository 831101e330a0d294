package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/auth/pwcheck"
	"github.com/corvusmail/corvus/internal/delivery"
	"github.com/corvusmail/corvus/internal/lmtp"
	"github.com/corvusmail/corvus/internal/service"
	"github.com/corvusmail/corvus/internal/store/sqlite"
	"github.com/corvusmail/corvus/internal/tlsconf"
	"github.com/corvusmail/corvus/internal/version"
)

// build reads the configuration and assembles the engines. With preAuth
// (-a) every client is trusted and no AUTH engine is built.
func build(w *service.Worker, preAuth bool) (*daemon, error) {
	c := w.Config
	acfg := auth.ConfigFrom(c)
	checker, scram, err := pwcheck.New(acfg, w.Log)
	if err != nil {
		return nil, fmt.Errorf("sasl_pwcheck_method: %w", err)
	}
	tlsCfg, err := tlsconf.Server(c)
	if err != nil {
		return nil, err
	}
	part, ok := c.Partition("default")
	if !ok {
		return nil, fmt.Errorf("partition-default is not set")
	}
	configDir := c.String("configdirectory")
	// Accounts delivered to stay open for reuse until they expire; then
	// what they held goes back to the kernel.
	st, err := sqlite.Open(sqlite.Options{Partition: part, ConfigDir: configDir, Expired: debug.FreeOSMemory})
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	dopt := delivery.OptionsFrom(c)
	dopt.Store, dopt.Log = st, w.Log
	notifier, closeNotifier := newNotifier(c, w.Log)
	dopt.Notifier = notifier
	adm := newAdmin(w)
	be := &backend{d: delivery.New(dopt), overQuotaPerm: c.Switch("lmtp_over_quota_perm_failure"), adm: adm}

	name := c.String("servername")
	if name == "" {
		name, _ = os.Hostname()
	}
	opt := lmtp.Options{
		ServerName: name, Greeting: greeting(c.String("serverinfo")), Backend: be,
		MaxMessageSize: c.ByteSize("maxmessagesize"), SpoolDir: c.String("temp_path"),
		TLS: tlsCfg, SoftNoAuth: c.Switch("soft_noauth"), FailedAuthPause: acfg.FailedLoginPause,
		Reject8Bit: c.Switch("reject8bit"), Keep8BitHeaders: !c.Switch("munge8bit"), CommandTimeout: c.Duration("lmtp_command_timeout"),
		LaxAddresses: !c.Switch("lmtp_strict_rfc2821"),
		Shutdown:     shutdownFile(filepath.Join(configDir, "msg", "shutdown")),
		ConfigDir:    configDir, Ident: w.Service, PeerIdentity: peerUser,
		TelemetryBySessionID: c.Switch("telemetry_bysessionid"),
		Log:                  w.Log,
	}
	d := &daemon{close: func() { closeNotifier(); st.Close() }, adm: adm}
	open := opt
	open.PreAuth = true
	d.open = lmtp.New(open)
	if !preAuth {
		opt.Auth = auth.NewServer(auth.ServerOptions{Config: acfg, Checker: checker, Scram: scram})
		d.auth = lmtp.New(opt)
	}
	return d, nil
}

// greeting is the product text of the 220 line, as serverinfo allows
// (Cyrus: "LMTP Cyrus v3.6 ready").
func greeting(serverinfo string) string {
	switch serverinfo {
	case "off":
		return ""
	case "min":
		return "Corvus"
	}
	return "Corvus v" + version.Version
}

// shutdownFile implements msg/shutdown for LMTP: while the file exists,
// clients are told the service is down (421), with its first line.
func shutdownFile(path string) func() (string, bool) {
	return func() (string, bool) {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", false
		}
		line, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimSpace(line), true
	}
}

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/logging"
	"github.com/corvusmail/corvus/internal/service"
)

// settings is what idled takes from its environment and imapd.conf.
type settings struct {
	socket    string // idlesocket
	thaw      string // imap_thaw_socket
	configDir string // configdirectory
	partition string // partition-default: the store, read to answer new mail
	log       zerolog.Logger
	logCloser io.Closer
}

// loadSettings reads imapd.conf at path, viewed for the service master
// named (CYRUS_SERVICE, "idled" when run by hand), and sets up logging.
// A DAEMON has no fds 3 and 4 to serve, so internal/service's worker set-up
// does not apply; as Cyrus's idled, it may also run without master.
func loadSettings(path string) (*settings, error) {
	name := os.Getenv(service.EnvService)
	if name == "" {
		name = "idled"
	}
	cfg, diags := imapdconf.ParseFile(path, &diagnostics.Sources{})
	var errs []error
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs = append(errs, errors.New(diagnostics.Short(d)))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("read config: %w", errors.Join(errs...))
	}
	cfg = cfg.ForService(name)
	if cfg.String("configdirectory") == "" {
		// As Cyrus: configdirectory is the one option without a default.
		return nil, fmt.Errorf("%s: configdirectory not set", path)
	}
	socket := cfg.String("idlesocket")
	if !filepath.IsAbs(socket) {
		return nil, fmt.Errorf("%s: idlesocket %q is not an absolute path", path, socket)
	}
	part, _ := cfg.Partition("default")
	st := &settings{socket: socket, thaw: cfg.String("imap_thaw_socket"),
		configDir: cfg.String("configdirectory"), partition: part}
	st.startLog(name, cfg.String("syslog_facility"))
	for _, d := range diags {
		st.log.Warn().Msg(diagnostics.Short(d))
	}
	return st, nil
}

// startLog logs as every Corvus program: syslog with the service name as
// ident, debug when master is verbose (CYRUS_VERBOSE).
func (st *settings) startLog(name, facility string) {
	verbose, _ := strconv.Atoi(os.Getenv(service.EnvVerbose))
	l, closer := logging.New(logging.Options{Ident: name, Facility: facility, Debug: verbose > 0})
	st.log = l.With().Str("service", name).Int("pid", os.Getpid()).Logger()
	st.logCloser = closer
}

func (st *settings) close() {
	if st.logCloser != nil {
		_ = st.logCloser.Close()
	}
}

// Package logging builds the zerolog loggers of every Corvus program.
//
// As Cyrus does, programs log to syslog by default, with the program name as
// ident and the facility from imapd.conf's syslog_facility. When the
// environment variable CORVUS_LOG is "stderr" (the master sets it for its
// children when started with -D), or when no syslog daemon is reachable,
// lines go to standard error instead, which with master -L is master's log
// file.
package logging

import (
	"fmt"
	"io"
	"log/syslog"
	"os"
	"strings"

	"github.com/rs/zerolog"
)

// EnvDest is the environment variable that selects where logs go ("stderr"
// or "syslog"); master passes it down to every child it starts.
const EnvDest = "CORVUS_LOG"

// Options say where and how a program logs.
type Options struct {
	// Ident is the syslog ident, normally the program or service name.
	Ident string
	// Stderr forces logging to standard error (master -D).
	Stderr bool
	// Facility is imapd.conf's syslog_facility ("" means LOCAL6 as Cyrus).
	Facility string
	// Debug lowers the level to debug (CYRUS_VERBOSE, master -v).
	Debug bool
}

// New returns a logger for opts and a closer for its syslog connection, if
// any. It never fails: if syslog is unreachable it falls back to stderr.
func New(opts Options) (zerolog.Logger, io.Closer) {
	level := zerolog.InfoLevel
	if opts.Debug {
		level = zerolog.DebugLevel
	}
	zerolog.TimeFieldFormat = "2006-01-02T15:04:05.000Z07:00"
	if !opts.Stderr && os.Getenv(EnvDest) != "stderr" {
		if w, err := dialSyslog(opts); err == nil {
			l := zerolog.New(zerolog.SyslogLevelWriter(w)).Level(level)
			return l, w
		}
	}
	l := zerolog.New(os.Stderr).Level(level).With().Timestamp().Str("prog", opts.Ident).Logger()
	return l, io.NopCloser(nil)
}

func dialSyslog(opts Options) (*syslog.Writer, error) {
	fac, err := Facility(opts.Facility)
	if err != nil {
		return nil, err
	}
	return syslog.New(fac|syslog.LOG_INFO, opts.Ident)
}

// Facility maps a syslog facility name as written in imapd.conf (LOCAL6,
// mail, daemon, …; case does not matter) to its priority bits. The empty
// name means LOCAL6, Cyrus's compiled-in default.
func Facility(name string) (syslog.Priority, error) {
	switch strings.ToUpper(strings.TrimPrefix(strings.ToUpper(name), "LOG_")) {
	case "", "LOCAL6":
		return syslog.LOG_LOCAL6, nil
	case "LOCAL0":
		return syslog.LOG_LOCAL0, nil
	case "LOCAL1":
		return syslog.LOG_LOCAL1, nil
	case "LOCAL2":
		return syslog.LOG_LOCAL2, nil
	case "LOCAL3":
		return syslog.LOG_LOCAL3, nil
	case "LOCAL4":
		return syslog.LOG_LOCAL4, nil
	case "LOCAL5":
		return syslog.LOG_LOCAL5, nil
	case "LOCAL7":
		return syslog.LOG_LOCAL7, nil
	case "MAIL":
		return syslog.LOG_MAIL, nil
	case "DAEMON":
		return syslog.LOG_DAEMON, nil
	case "USER":
		return syslog.LOG_USER, nil
	case "AUTH":
		return syslog.LOG_AUTH, nil
	}
	return 0, fmt.Errorf("unknown syslog facility %q", name)
}

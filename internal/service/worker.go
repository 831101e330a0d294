package service

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/logging"
)

// Worker is one worker process's view of its service: who it is, what master
// handed it, and how many clients it has served.
type Worker struct {
	// Prog is the program name (imapd, lmtpd, …).
	Prog string
	// Service is CYRUS_SERVICE, the service's name in cyrus.conf. Under -X
	// it may be unset and then defaults to Prog.
	Service string
	// ID is CYRUS_ID, the service instance number.
	ID string
	// Daemon is true for DAEMON entries (CYRUS_ISDAEMON=1).
	Daemon bool
	// Flags are the generic worker flags the program parsed.
	Flags *Flags
	// Config is imapd.conf viewed for Service.
	Config *imapdconf.Config
	// Log carries the service and pid fields.
	Log zerolog.Logger
	// OnIdle, when set, is called once the worker has waited idleRelease
	// for its next client (from another goroutine: it must be safe to
	// run beside the next client), before the worker hands its free
	// memory back to the kernel: for what the last clients left cached.
	OnIdle func()

	pid       int
	status    *statusPipe
	ln        *rawListener   // stream services
	pc        net.PacketConn // datagram services
	lock      *acceptLock
	exe       exeStamp
	sig       *signals
	logCloser io.Closer
	uses      atomic.Int64
	closeOnce sync.Once
	waitMu    sync.Mutex // guards waiting and the socket's deadline
	waiting   bool       // in Accept or the datagram wait
}

// New prepares the worker for prog: it marks fds 3 and 4 close-on-exec,
// reads the environment master set, loads imapd.conf (flags.ConfigPath),
// sets up logging with the service name as ident, opens the listener and the
// accept lock, catches SIGHUP and SIGTERM and, for -D, runs debug_command.
// Unless GOMAXPROCS is set, it gives Go code one processor (workerProcs).
// On failure it reports UNAVAILABLE to master (when fd 3 is there) and
// returns an error the program should exit with, as a Cyrus worker does
// when service_init fails. flags nil means the defaults.
func New(prog string, flags *Flags) (*Worker, error) {
	if flags == nil {
		flags = DefaultFlags()
	}
	limitProcs()
	w := &Worker{Prog: prog, Flags: flags, pid: os.Getpid()}
	if !flags.Stdio {
		closeOnExec(StatusFD, ListenFD)
		w.status = openStatus(StatusFD, w.pid)
	}
	if err := w.setup(); err != nil {
		_ = w.status.send(StatusUnavailable)
		w.Close()
		return nil, fmt.Errorf("%s: %w", prog, err)
	}
	return w, nil
}

// setup does the fallible part of New.
func (w *Worker) setup() error {
	if err := w.readEnv(); err != nil {
		return err
	}
	cfg, warnings, err := loadConfig(w.Flags.ConfigPath, w.Service)
	if err != nil {
		return err
	}
	w.Config = cfg
	configdir := cfg.String("configdirectory")
	if configdir == "" {
		// As Cyrus: configdirectory is the one option without a default.
		return fmt.Errorf("%s: configdirectory not set", w.Flags.ConfigPath)
	}
	w.startLog()
	for _, d := range warnings {
		w.Log.Warn().Msg(diagnostics.Short(d))
	}
	if !w.Flags.Stdio {
		if err := w.openSocket(configdir); err != nil {
			return err
		}
	}
	w.exe, _ = stampExecutable()
	w.sig = watchSignals(w.interrupt)
	if w.Flags.Debug {
		runDebugCommand(w)
	}
	return nil
}

// readEnv reads CYRUS_SERVICE, CYRUS_ID and CYRUS_ISDAEMON. As Cyrus, a
// worker started without them refuses to run, except under -X (and a DAEMON
// may lack an ID).
func (w *Worker) readEnv() error {
	w.Service = os.Getenv(EnvService)
	w.ID = os.Getenv(EnvID)
	w.Daemon = os.Getenv(EnvIsDaemon) == "1"
	if w.Flags.Stdio {
		if w.Service == "" {
			w.Service = w.Prog
		}
		return nil
	}
	if w.Service == "" {
		return fmt.Errorf("%s not set in the environment (workers are started by master; use -X to run one by hand)", EnvService)
	}
	if w.ID == "" && !w.Daemon {
		// Needed for the accept lock's name; a DAEMON has no listener.
		return fmt.Errorf("%s not set in the environment", EnvID)
	}
	return nil
}

// startLog sets up logging: syslog with the service name as ident and
// imapd.conf's syslog_facility, debug level when master is verbose.
func (w *Worker) startLog() {
	verbose, _ := strconv.Atoi(os.Getenv(EnvVerbose))
	l, closer := logging.New(logging.Options{
		Ident:    w.Service,
		Facility: w.Config.String("syslog_facility"),
		Debug:    verbose > 0,
	})
	w.Log = l.With().Str("service", w.Service).Int("pid", w.pid).Logger()
	w.logCloser = closer
}

// openSocket takes the socket on fd 4 and opens the accept lock. A DAEMON
// has no socket; any other worker must have one.
func (w *Worker) openSocket(configdir string) error {
	kind, ok := probeSocket(ListenFD)
	if !ok {
		if w.Daemon {
			return nil
		}
		return fmt.Errorf("no socket on fd %d (workers are started by master; use -X to run one by hand)", ListenFD)
	}
	var err error
	w.ln, w.pc, err = openListener(ListenFD, kind)
	if err != nil {
		return err
	}
	lock, err := openLock(lockPath(configdir, w.Service, w.ID))
	if err != nil {
		// As Cyrus: without the lock, workers still work, only herd.
		w.Log.Warn().Err(err).Msg("accepting without the accept lock")
	}
	w.lock = lock
	return nil
}

// Datagram reports whether the service's socket is a datagram socket
// (proto=udp or a unix datagram socket): such a worker calls ServePackets,
// not Serve.
func (w *Worker) Datagram() bool { return w.pc != nil }

// Uses returns how many connections this worker has served.
func (w *Worker) Uses() int { return int(w.uses.Load()) }

// Ready tells master that a DAEMON started with wait=y is up, by writing
// "ok\r\n" on fd 3 as Cyrus's daemons do.
func (w *Worker) Ready() error {
	if w.status == nil {
		return errors.New("ready: no status pipe on fd 3")
	}
	if err := w.status.write([]byte("ok\r\n")); err != nil {
		return fmt.Errorf("ready: %w", err)
	}
	return nil
}

// Close releases what New opened: signal handling, listener, lock file and
// the syslog connection. Programs normally just exit after Serve; Close is
// for tests and for programs that go on after serving.
func (w *Worker) Close() error {
	w.closeOnce.Do(func() {
		if w.sig != nil {
			w.sig.close()
		}
		if w.ln != nil {
			_ = w.ln.Close()
		}
		if w.pc != nil {
			_ = w.pc.Close()
		}
		_ = w.lock.close()
		if w.logCloser != nil {
			_ = w.logCloser.Close()
		}
	})
	return nil
}

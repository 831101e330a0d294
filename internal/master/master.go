package master

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/metrics"
)

// Master supervises every child of one cyrus.conf. Create it with New and
// drive it with Run; it is not safe for concurrent use (only the event loop
// touches it).
type Master struct {
	opts   Options
	log    zerolog.Logger
	cfg    *Config
	priv   *privileges
	events chan any
	done   chan struct{}

	instances []*instance
	children  map[int]*child
	daemons   map[string]*daemonRun
	waitOrder []*daemonRun // wait=y daemons in start order
	events2   map[string]*eventRun
	nextID    int

	shuttingDown bool
	devnull      *os.File

	met        *metrics.Master // nil unless prometheus_enabled
	metricsSrv *metrics.Server
}

// exitEvent says a child process ended.
type exitEvent struct {
	pid   int
	state *os.ProcessState
	err   error
}

// timerEvent runs fn on the event loop.
type timerEvent struct{ fn func() }

// New prepares a master for cfg. It does not bind or start anything yet.
func New(cfg *Config, opts Options) (*Master, error) {
	opts.setDefaults()
	priv, err := lookupPrivileges(cfg.Imapd.String("cyrus_user"), cfg.Imapd.String("cyrus_group"))
	if err != nil {
		return nil, err
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", os.DevNull, err)
	}
	if opts.Stdout == nil {
		opts.Stdout = devnull
	}
	if opts.Stderr == nil {
		opts.Stderr = devnull
	}
	return &Master{
		opts: opts, log: opts.Log, cfg: cfg, priv: priv,
		events:   make(chan any, 256),
		done:     make(chan struct{}),
		children: map[int]*child{},
		daemons:  map[string]*daemonRun{},
		events2:  map[string]*eventRun{},
		devnull:  devnull,
	}, nil
}

// ErrStartup wraps failures that stop the master from starting (a bind or
// a privilege drop that failed); main exits with status 2 on them.
var ErrStartup = errors.New("start-up failed")

// Run starts everything and supervises it until SIGTERM, SIGINT or SIGQUIT,
// then shuts down. The calling goroutine is locked to its OS thread for the
// master's lifetime: children get SIGTERM through the parent-death signal
// when the thread that forked them dies, so forks must come from a thread
// that lives as long as the master.
func (m *Master) Run() error {
	runtime.LockOSThread()
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT, syscall.SIGQUIT)
	defer signal.Stop(sigs)

	if err := m.writePidFile(); err != nil {
		return fmt.Errorf("%w: %v", ErrStartup, err)
	}
	defer m.removePidFile()
	if err := m.startMetrics(); err != nil {
		m.shutdown()
		return fmt.Errorf("%w: %v", ErrStartup, err)
	}
	m.runStart()
	if err := m.startWaitDaemons(sigs); err != nil {
		m.shutdown()
		return fmt.Errorf("%w: %v", ErrStartup, err)
	}
	if err := m.bindAll(); err != nil {
		m.shutdown()
		return fmt.Errorf("%w: %v", ErrStartup, err)
	}
	if err := m.priv.drop(m.log); err != nil {
		m.shutdown()
		return fmt.Errorf("%w: %v", ErrStartup, err)
	}
	for _, in := range m.instances {
		m.schedule(in)
	}
	m.startDaemons()
	m.startEvents()
	m.writeReadyFile()
	m.log.Info().Int("services", len(m.instances)).Int("daemons", len(m.daemons)).Msg("ready for work")
	if m.opts.OnReady != nil {
		m.opts.OnReady()
	}
	m.loop(sigs)
	m.shutdown()
	return nil
}

// loop is the event loop: it handles one event at a time until a
// terminating signal arrives.
func (m *Master) loop(sigs <-chan os.Signal) {
	janitor := time.NewTicker(m.opts.Janitor)
	defer janitor.Stop()
	release := newQuietRelease(releaseAfter, debug.FreeOSMemory)
	defer release.stop()
	for {
		select {
		case sig := <-sigs:
			if sig == syscall.SIGHUP {
				m.reload()
				continue
			}
			m.log.Info().Str("signal", sig.String()).Msg("shutting down")
			return
		case ev := <-m.events:
			m.handle(ev)
			release.event()
		case <-release.C():
			release.quiet()
		case <-janitor.C:
			m.janitor()
		}
	}
}

func (m *Master) handle(ev any) {
	switch e := ev.(type) {
	case exitEvent:
		m.onExit(e)
	case statusEvent:
		m.onStatus(e)
	case demandEvent:
		m.onDemand(e.inst)
	case statusEOFEvent:
		e.inst.statusR.Close()
	case timerEvent:
		e.fn()
	case stateEvent:
		e.reply <- m.state()
	}
}

// after runs fn on the event loop once d has passed, unless the master has
// stopped by then.
func (m *Master) after(d time.Duration, fn func()) {
	time.AfterFunc(d, func() {
		select {
		case m.events <- timerEvent{fn}:
		case <-m.done:
		}
	})
}

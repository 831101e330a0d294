// Package master is the engine of the master program: it binds every
// SERVICES listener of cyrus.conf, preforks and supervises workers over
// Cyrus's worker contract (status pipe on fd 3, listener on fd 4), runs START
// entries, babysits DAEMONs, schedules EVENTS, reloads on SIGHUP without
// closing unchanged listeners, and shuts everything down on SIGTERM.
//
// All of the master's state is owned by one goroutine, the event loop in
// Run; every other goroutine (child waiters, status pipe readers, listener
// pollers, timers) only sends events to it.
package master

import (
	"os"
	"time"

	"github.com/rs/zerolog"
)

// Options are the master's settings from its command line.
type Options struct {
	// CyrusConf is the path of cyrus.conf (master -M).
	CyrusConf string
	// ImapdConf is the path of imapd.conf (master -C).
	ImapdConf string
	// Backlog is the listen queue length (master -l).
	Backlog int
	// PidFile overrides imapd.conf's master_pid_file (master -p).
	PidFile string
	// ReadyFile overrides imapd.conf's master_ready_file (master -r).
	ReadyFile string
	// Janitor is the period of the child-table sweep (master -j).
	Janitor time.Duration
	// Verbose passes CYRUS_VERBOSE to children (master -v).
	Verbose int
	// LogToStderr makes children log to stderr too (master -D).
	LogToStderr bool
	// LibexecDir is where relative cmd= programs are found; by default the
	// directory of the master executable.
	LibexecDir string
	// ShutdownGrace bounds how long shutdown waits for children after
	// SIGTERM before it kills them.
	ShutdownGrace time.Duration
	// Stdout and Stderr are given to children as fds 1 and 2 (the -L log
	// file, the terminal with -D, or /dev/null).
	Stdout, Stderr *os.File
	// Log is the master's own logger.
	Log zerolog.Logger
	// OnReady is called once start-up is complete (daemonize uses it).
	OnReady func()
}

func (o *Options) setDefaults() {
	if o.Backlog <= 0 {
		o.Backlog = 32
	}
	if o.Janitor <= 0 {
		o.Janitor = time.Second
	}
	if o.ShutdownGrace <= 0 {
		o.ShutdownGrace = 10 * time.Second
	}
}

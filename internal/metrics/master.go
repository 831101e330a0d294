package metrics

import (
	"context"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/rs/zerolog"
)

// Options configure master's metrics.
type Options struct {
	// StatsDir is the directory of the workers' stats files
	// (prometheus_stats_dir); "" leaves worker-side metrics out.
	StatsDir string
	// State asks master's event loop for its children's state; it is
	// called once per scrape and must give up when ctx ends.
	State func(ctx context.Context) (State, error)
	// Version is reported in corvus_build_info.
	Version string
	// Log receives scrape errors.
	Log zerolog.Logger
}

// Master holds master's metrics. Its event methods are called from
// master's event loop, Collect from the HTTP server; a mutex keeps them
// apart. All methods of a nil *Master do nothing.
type Master struct {
	opts  Options
	reg   *prometheus.Registry
	files *statsFiles

	mu       sync.Mutex
	forks    map[string]uint64
	crashes  map[string]uint64
	conns    map[string]uint64
	dstarts  map[string]uint64
	dcrashes map[string]uint64
}

// New creates master's metrics and their registry, with the Go runtime
// and process collectors for master itself.
func New(opts Options) *Master {
	m := &Master{
		opts: opts, reg: prometheus.NewRegistry(),
		forks: map[string]uint64{}, crashes: map[string]uint64{}, conns: map[string]uint64{},
		dstarts: map[string]uint64{}, dcrashes: map[string]uint64{},
	}
	if opts.StatsDir != "" {
		m.files = newStatsFiles(opts.StatsDir)
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		(*masterCollector)(m),
		(*workerCollector)(m),
	)
	return m
}

// Registry is the registry the endpoint serves.
func (m *Master) Registry() *prometheus.Registry { return m.reg }

// count adds one to c[name] under the lock.
func (m *Master) count(c map[string]uint64, name string) {
	m.mu.Lock()
	c[name]++
	m.mu.Unlock()
}

// Forked counts a worker forked for service.
func (m *Master) Forked(service string) {
	if m != nil {
		m.count(m.forks, service)
	}
}

// WorkerCrashed counts a worker of service that exited abnormally (a
// signal or a non-zero status) without master having signalled it.
func (m *Master) WorkerCrashed(service string) {
	if m != nil {
		m.count(m.crashes, service)
	}
}

// Connection counts a client accepted by a worker of service, as the
// worker reported it on the status pipe.
func (m *Master) Connection(service string) {
	if m != nil {
		m.count(m.conns, service)
	}
}

// DaemonStarted counts a start of a DAEMON entry; every start after the
// first is a restart.
func (m *Master) DaemonStarted(name string) {
	if m != nil {
		m.count(m.dstarts, name)
	}
}

// DaemonCrashed counts a daemon that exited abnormally without master
// having signalled it.
func (m *Master) DaemonCrashed(name string) {
	if m != nil {
		m.count(m.dcrashes, name)
	}
}

// ProcessStarted tells which service or daemon a new child serves, so
// that its stats file is counted under that name.
func (m *Master) ProcessStarted(pid int, name string) {
	if m != nil && m.files != nil {
		m.files.started(pid, name)
	}
}

// ProcessExited folds a reaped child's stats file into its name's totals.
func (m *Master) ProcessExited(pid int) {
	if m != nil && m.files != nil {
		m.files.exited(pid)
	}
}

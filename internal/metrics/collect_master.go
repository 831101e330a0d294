package metrics

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// stateTimeout bounds how long a scrape waits for master's event loop; a
// loop that busy is better reported as a failed scrape than waited for.
const stateTimeout = 5 * time.Second

var (
	descWorkers = prometheus.NewDesc("corvus_service_workers",
		"Worker processes of a service by state: ready (waiting for a client), busy (serving one), retiring (exiting after its client since a reload).",
		[]string{"service", "state"}, nil)
	descProcesses = prometheus.NewDesc("corvus_service_processes",
		"Worker processes of a service, in every state.", []string{"service"}, nil)
	descDisabled = prometheus.NewDesc("corvus_service_disabled",
		"1 while master forks no worker for a service after repeated early deaths.", []string{"service"}, nil)
	descForks = prometheus.NewDesc("corvus_service_forks_total",
		"Worker processes master forked for a service.", []string{"service"}, nil)
	descCrashes = prometheus.NewDesc("corvus_service_crashes_total",
		"Workers of a service that died by a signal or exited non-zero without master asking.", []string{"service"}, nil)
	descConns = prometheus.NewDesc("corvus_service_connections_total",
		"Client connections accepted by the workers of a service.", []string{"service"}, nil)
	descDaemonUp = prometheus.NewDesc("corvus_daemon_running",
		"1 while the process of a DAEMON entry runs.", []string{"daemon"}, nil)
	descRestarts = prometheus.NewDesc("corvus_daemon_restarts_total",
		"Starts of a DAEMON entry after its first.", []string{"daemon"}, nil)
	descDaemonCrashes = prometheus.NewDesc("corvus_daemon_crashes_total",
		"Daemon processes that died by a signal or exited non-zero without master asking.", []string{"daemon"}, nil)
	descBuild = prometheus.NewDesc("corvus_build_info",
		"Always 1; the version label is the running master's.", []string{"version"}, nil)
)

// masterCollector reports master's own figures.
type masterCollector Master

// Describe implements prometheus.Collector.
func (c *masterCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descWorkers, descProcesses, descDisabled, descForks, descCrashes,
		descConns, descDaemonUp, descRestarts, descDaemonCrashes, descBuild} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *masterCollector) Collect(ch chan<- prometheus.Metric) {
	m := (*Master)(c)
	ch <- prometheus.MustNewConstMetric(descBuild, prometheus.GaugeValue, 1, m.opts.Version)
	var st State
	if m.opts.State != nil {
		ctx, cancel := context.WithTimeout(context.Background(), stateTimeout)
		var err error
		st, err = m.opts.State(ctx)
		cancel()
		if err != nil {
			ch <- prometheus.NewInvalidMetric(descWorkers, err)
			st = State{}
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.collectServices(ch, st.Services)
	m.collectDaemons(ch, st.Daemons)
}

// collectServices reports every service master runs or has counted.
// Called with mu held.
func (m *Master) collectServices(ch chan<- prometheus.Metric, svcs []ServiceState) {
	seen := map[string]bool{}
	for _, s := range svcs {
		seen[s.Name] = true
		for state, n := range map[string]int{"ready": s.Ready, "busy": s.Busy, "retiring": s.Retiring} {
			ch <- prometheus.MustNewConstMetric(descWorkers, prometheus.GaugeValue, float64(n), s.Name, state)
		}
		ch <- prometheus.MustNewConstMetric(descProcesses, prometheus.GaugeValue, float64(s.Ready+s.Busy+s.Retiring), s.Name)
		ch <- prometheus.MustNewConstMetric(descDisabled, prometheus.GaugeValue, boolValue(s.Disabled), s.Name)
	}
	names := keys(seen, m.forks, m.crashes, m.conns)
	for _, name := range names {
		ch <- prometheus.MustNewConstMetric(descForks, prometheus.CounterValue, float64(m.forks[name]), name)
		ch <- prometheus.MustNewConstMetric(descCrashes, prometheus.CounterValue, float64(m.crashes[name]), name)
		ch <- prometheus.MustNewConstMetric(descConns, prometheus.CounterValue, float64(m.conns[name]), name)
	}
}

// collectDaemons reports every daemon master runs or has counted. Called
// with mu held.
func (m *Master) collectDaemons(ch chan<- prometheus.Metric, ds []DaemonState) {
	seen := map[string]bool{}
	for _, d := range ds {
		seen[d.Name] = true
		ch <- prometheus.MustNewConstMetric(descDaemonUp, prometheus.GaugeValue, boolValue(d.Running), d.Name)
	}
	for _, name := range keys(seen, m.dstarts, m.dcrashes) {
		ch <- prometheus.MustNewConstMetric(descRestarts, prometheus.CounterValue, float64(max(m.dstarts[name], 1)-1), name)
		ch <- prometheus.MustNewConstMetric(descDaemonCrashes, prometheus.CounterValue, float64(m.dcrashes[name]), name)
	}
}

// keys is the sorted union of the names in seen and in the counters.
func keys(seen map[string]bool, counters ...map[string]uint64) []string {
	all := maps.Clone(seen)
	for _, c := range counters {
		for k := range c {
			all[k] = true
		}
	}
	return slices.Sorted(maps.Keys(all))
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

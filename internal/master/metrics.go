package master

import (
	"context"
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/metrics"
	"github.com/corvusmail/corvus/internal/version"
)

// stateEvent asks the event loop for the children's state (a scrape).
type stateEvent struct{ reply chan<- metrics.State }

// checkMetricsConfig reports a prometheus_listen that cannot be bound, so
// that master -t finds it before a start does.
func checkMetricsConfig(c *imapdconf.Config) hcl.Diagnostics {
	if c == nil || !c.Switch("prometheus_enabled") {
		return nil
	}
	if _, err := metrics.ListenAddr(c.String("prometheus_listen")); err != nil {
		d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "bad prometheus_listen",
			Detail: fmt.Sprintf("prometheus_listen: %v; give a port (on 127.0.0.1) or host:port.", err)}
		if r, ok := c.Range("prometheus_listen"); ok {
			d.Subject = &r
		}
		return hcl.Diagnostics{d}
	}
	return nil
}

// startMetrics prepares the stats directory and binds the endpoint when
// prometheus_enabled is set; it runs before any child starts, so that
// every one of them can count, and before privileges are dropped, so
// that a port below 1024 can be bound.
func (m *Master) startMetrics() error {
	c := m.cfg.Imapd
	if !c.Switch("prometheus_enabled") {
		return nil
	}
	addr, err := metrics.ListenAddr(c.String("prometheus_listen"))
	if err != nil {
		return fmt.Errorf("prometheus_listen: %w", err)
	}
	dir := c.String("prometheus_stats_dir")
	uid, gid, chown := m.priv.owner()
	if err := metrics.PrepareDir(dir, chown, uid, gid); err != nil {
		return err
	}
	m.met = metrics.New(metrics.Options{StatsDir: dir, State: m.metricsState, Version: version.Version, Log: m.log})
	if m.metricsSrv, err = m.met.Listen(addr); err != nil {
		return err
	}
	m.metricsSrv.Serve()
	m.log.Info().Str("listen", m.metricsSrv.Addr().String()).Str("stats", dir).Msg("serving metrics")
	return nil
}

// metricsState asks the event loop for a State; it runs on the HTTP
// server's goroutine.
func (m *Master) metricsState(ctx context.Context) (metrics.State, error) {
	reply := make(chan metrics.State, 1)
	select {
	case m.events <- stateEvent{reply}:
	case <-m.done:
		return metrics.State{}, fmt.Errorf("master is stopping")
	case <-ctx.Done():
		return metrics.State{}, fmt.Errorf("master busy: %w", ctx.Err())
	}
	select {
	case st := <-reply:
		return st, nil
	case <-m.done:
		return metrics.State{}, fmt.Errorf("master is stopping")
	case <-ctx.Done():
		return metrics.State{}, fmt.Errorf("master busy: %w", ctx.Err())
	}
}

// state sums the workers of every instance per service, and the daemons.
func (m *Master) state() metrics.State {
	var st metrics.State
	idx := map[string]int{}
	for _, in := range m.instances {
		i, ok := idx[in.def.Name]
		if !ok {
			i = len(st.Services)
			idx[in.def.Name] = i
			st.Services = append(st.Services, metrics.ServiceState{Name: in.def.Name})
		}
		s := &st.Services[i]
		s.Disabled = s.Disabled || in.disabled
		for _, c := range in.kids {
			switch {
			case c.retiring:
				s.Retiring++
			case c.state == stateReady:
				s.Ready++
			default:
				s.Busy++
			}
		}
	}
	for name, d := range m.daemons {
		st.Daemons = append(st.Daemons, metrics.DaemonState{Name: name, Running: d.proc != nil})
	}
	return st
}

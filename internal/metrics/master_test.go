package metrics

import (
	"context"
	"errors"
	"testing"
)

func TestMasterCounters(t *testing.T) {
	st := State{
		Services: []ServiceState{{Name: "imap", Ready: 2, Busy: 3, Retiring: 1}, {Name: "lmtp", Disabled: true}},
		Daemons:  []DaemonState{{Name: "idled", Running: true}, {Name: "notifyd"}},
	}
	m := New(Options{Version: "9.9", State: func(context.Context) (State, error) { return st, nil }})
	for range 3 {
		m.Forked("imap")
	}
	m.WorkerCrashed("imap")
	m.Connection("imap")
	m.Connection("imap")
	m.Forked("pop3") // a service gone since a reload keeps its counts
	m.DaemonStarted("idled")
	m.DaemonStarted("idled")
	m.DaemonStarted("idled")
	m.DaemonCrashed("idled")
	m.DaemonStarted("notifyd")
	g := gather(t, m)
	want := gathered{
		`corvus_build_info{version="9.9"}`:                        1,
		`corvus_service_workers{service="imap",state="ready"}`:    2,
		`corvus_service_workers{service="imap",state="busy"}`:     3,
		`corvus_service_workers{service="imap",state="retiring"}`: 1,
		`corvus_service_processes{service="imap"}`:                6,
		`corvus_service_disabled{service="imap"}`:                 0,
		`corvus_service_disabled{service="lmtp"}`:                 1,
		`corvus_service_forks_total{service="imap"}`:              3,
		`corvus_service_forks_total{service="lmtp"}`:              0,
		`corvus_service_forks_total{service="pop3"}`:              1,
		`corvus_service_crashes_total{service="imap"}`:            1,
		`corvus_service_connections_total{service="imap"}`:        2,
		`corvus_daemon_running{daemon="idled"}`:                   1,
		`corvus_daemon_running{daemon="notifyd"}`:                 0,
		`corvus_daemon_restarts_total{daemon="idled"}`:            2,
		`corvus_daemon_restarts_total{daemon="notifyd"}`:          0,
		`corvus_daemon_crashes_total{daemon="idled"}`:             1,
	}
	for k, v := range want {
		got, ok := g[k]
		if !ok || got != v {
			t.Errorf("%s = %v (present %v), want %v", k, got, ok, v)
		}
	}
	if _, ok := g["go_goroutines"]; !ok {
		t.Error("master's Go runtime metrics are missing")
	}
}

// TestStateError: a master too busy to answer fails the scrape's worker
// gauges, not the counters.
func TestStateError(t *testing.T) {
	m := New(Options{State: func(context.Context) (State, error) { return State{}, errors.New("busy") }})
	m.Forked("imap")
	if _, err := m.Registry().Gather(); err == nil {
		t.Error("Gather hid the State error")
	}
	fams, _ := m.Registry().Gather()
	found := false
	for _, f := range fams {
		found = found || f.GetName() == "corvus_service_forks_total"
	}
	if !found {
		t.Error("counters were dropped with the state")
	}
}

// TestNilMaster: master without metrics calls every method on nil.
func TestNilMaster(t *testing.T) {
	var m *Master
	m.Forked("imap")
	m.WorkerCrashed("imap")
	m.Connection("imap")
	m.DaemonStarted("idled")
	m.DaemonCrashed("idled")
	m.ProcessStarted(1, "imap")
	m.ProcessExited(1)
	var s *Server
	s.Close()
	if m != nil {
		t.Fatal("unreachable")
	}
}

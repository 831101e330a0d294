package metrics

// State is master's view of its children at one moment, summed per
// service and daemon name (a service listening on several addresses has
// one instance per address; a reload may leave an old one draining).
type State struct {
	Services []ServiceState
	Daemons  []DaemonState
}

// ServiceState is one SERVICES entry's workers by state.
type ServiceState struct {
	Name string
	// Ready workers wait for a client; Busy ones serve one; Retiring
	// ones were told by a reload to exit after their client.
	Ready, Busy, Retiring int
	// Disabled is set while master forks no worker for the service
	// after repeated early deaths.
	Disabled bool
}

// DaemonState is one DAEMON entry.
type DaemonState struct {
	Name    string
	Running bool
}

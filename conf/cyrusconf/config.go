package cyrusconf

import "github.com/hashicorp/hcl/v2"

// Config is one parsed cyrus.conf: its entries per section, in file order.
type Config struct {
	Start    []*Start
	Services []*Service
	Events   []*Event
	Daemons  []*Daemon
}

// Entry is what every section's entry has.
type Entry struct {
	// Name is the entry's name as written (letters and digits).
	Name string
	// Cmd is cmd= split on whitespace into argv; never empty for an entry
	// that made it into a Config.
	Cmd []string
	// Range is the range of the entry's name, for diagnostics about it.
	Range hcl.Range
}

// Start is a START entry: a command master runs to completion, in file
// order, before it starts any service.
type Start struct{ Entry }

// Service is a SERVICES entry: a listener master owns and the workers it
// preforks and forks for it.
type Service struct {
	Entry
	// Listen is where the service listens.
	Listen Listen
	// Proto is the socket family and type (default ProtoTCP).
	Proto Proto
	// Prefork is how many idle workers master keeps ready (default 0;
	// at most 1 for udp; at least 1 when Babysit is set).
	Prefork int
	// MaxChild caps the service's concurrent workers; -1 (the default)
	// means unlimited. A udp service always has exactly 1.
	MaxChild int
	// MaxForkRate is the most forks per second; 0 means no limit (default;
	// 10 when Babysit is set).
	MaxForkRate int
	// MaxFDs is RLIMIT_NOFILE for the workers; 0 (default) inherits master's.
	MaxFDs int
	// Babysit keeps at least one worker alive at all times.
	Babysit bool
}

// Proto is a SERVICES proto= value.
type Proto string

// The proto= values Corvus accepts.
const (
	ProtoTCP  Proto = "tcp"  // every address family getaddrinfo returns
	ProtoTCP4 Proto = "tcp4" // IPv4 only
	ProtoTCP6 Proto = "tcp6" // IPv6 only (IPV6_V6ONLY)
	ProtoUDP  Proto = "udp"  // datagrams; one worker only
)

// Event is an EVENTS entry: a command master runs on a schedule, or once at
// start-up when no schedule is given.
type Event struct {
	Entry
	// Period is the interval in minutes; 0 with At and Cron nil means
	// "once at start-up".
	Period int
	// At is the daily local time from at=HHMM, or nil.
	At *TimeOfDay
	// Cron is the parsed cron= expression, or nil.
	Cron *Cron
}

// Daemon is a DAEMON entry: a long-running program master starts once and
// restarts whenever it dies. It gets no listener.
type Daemon struct {
	Entry
	// MaxFDs is RLIMIT_NOFILE for the daemon; 0 (default) inherits master's.
	MaxFDs int
	// MaxForkRate is the most restarts per second (default 10, as Cyrus: a
	// safety net for a daemon that crashes as soon as it starts).
	MaxForkRate int
	// Wait makes master wait for "ok\r\n" on the daemon's fd 3 before it
	// goes on with start-up.
	Wait bool
}

// Service returns the SERVICES entry called name, or nil if there is none.
func (c *Config) Service(name string) *Service {
	for _, s := range c.Services {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Daemon returns the DAEMON entry called name, or nil if there is none.
func (c *Config) Daemon(name string) *Daemon {
	for _, d := range c.Daemons {
		if d.Name == name {
			return d
		}
	}
	return nil
}

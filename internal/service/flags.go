package service

import (
	"flag"
	"fmt"
	"strconv"
	"time"
)

// Defaults of the generic worker flags, as Cyrus's service.c.
const (
	DefaultConfigPath   = "/etc/imapd.conf"
	DefaultMaxUses      = 250
	DefaultReuseTimeout = 60 * time.Second
)

// Flags are the generic worker flags every Cyrus worker takes (service.c).
type Flags struct {
	// ConfigPath is -C: an alternate imapd.conf.
	ConfigPath string
	// MaxUses is -U: how many connections a worker serves before it exits.
	// As Cyrus, a negative value is taken as 0, and 0 means no limit.
	MaxUses int
	// ReuseTimeout is -T, given in whole seconds: how long an idle worker
	// waits for its next client before exiting. 0 disables it. As Cyrus,
	// the effective timeout is drawn from [T, 2T) so that the workers of a
	// service do not all expire together, and it is armed only once the
	// worker has served its first client.
	ReuseTimeout time.Duration
	// Debug is -D: run imapd.conf's debug_command before serving.
	Debug bool
	// Stdio is -X: serve standard input/output as one connection, without
	// master.
	Stdio bool
}

// DefaultFlags returns the flags of a worker given no options.
func DefaultFlags() *Flags {
	return &Flags{
		ConfigPath:   DefaultConfigPath,
		MaxUses:      DefaultMaxUses,
		ReuseTimeout: DefaultReuseTimeout,
	}
}

// RegisterFlags adds -C -U -T -D -X to fs and returns where their values
// land once the program calls fs.Parse. Programs add their own flags (imapd's
// -s -N -p …) to the same set. Go's flag package rejects merged forms such as
// -U5 ("flag provided but not defined"), as Cyrus's option parser does.
func RegisterFlags(fs *flag.FlagSet) *Flags {
	f := DefaultFlags()
	fs.StringVar(&f.ConfigPath, "C", f.ConfigPath, "read `file` instead of "+DefaultConfigPath)
	fs.Var((*maxUses)(&f.MaxUses), "U", "exit after serving `uses` connections (0: no limit)")
	fs.Var((*seconds)(&f.ReuseTimeout), "T", "exit after `seconds` idle between clients (0: never)")
	fs.BoolVar(&f.Debug, "D", false, "run imapd.conf's debug_command before serving")
	fs.BoolVar(&f.Stdio, "X", false, "serve standard input/output once, without master")
	return f
}

// maxUses parses -U; as Cyrus, a negative count becomes 0 (no limit).
type maxUses int

func (m *maxUses) String() string { return strconv.Itoa(int(*m)) }

func (m *maxUses) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("not a whole number: %q", s)
	}
	*m = maxUses(max(n, 0))
	return nil
}

// seconds parses -T, a whole number of seconds as Cyrus takes it; a negative
// value becomes 0 (disabled).
type seconds time.Duration

func (d *seconds) String() string {
	return strconv.FormatInt(int64(time.Duration(*d)/time.Second), 10)
}

func (d *seconds) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return fmt.Errorf("not a whole number of seconds: %q", s)
	}
	*d = seconds(time.Duration(max(n, 0)) * time.Second)
	return nil
}

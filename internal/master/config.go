package master

import (
	"fmt"

	"github.com/corvusmail/corvus/conf/cyrusconf"
	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/hashicorp/hcl/v2"
)

// Config is everything the master runs, read from imapd.conf and
// cyrus.conf, with each entry's program resolved to a path.
type Config struct {
	// Imapd is imapd.conf (configdirectory, cyrus_user, pid file, …).
	Imapd *imapdconf.Config
	// Start, Services, Events and Daemons are cyrus.conf's runnable
	// entries; entries naming Cyrus programs Corvus lacks are left out.
	Start    []*StartDef
	Services []*ServiceDef
	Events   []*EventDef
	Daemons  []*DaemonDef
}

// StartDef is a START entry with its program resolved.
type StartDef struct {
	*cyrusconf.Start
	Argv []string
}

// ServiceDef is a SERVICES entry with its program resolved.
type ServiceDef struct {
	*cyrusconf.Service
	Argv []string
}

// EventDef is an EVENTS entry with its program resolved.
type EventDef struct {
	*cyrusconf.Event
	Argv []string
}

// DaemonDef is a DAEMON entry with its program resolved.
type DaemonDef struct {
	*cyrusconf.Daemon
	Argv []string
}

// Load reads imapd.conf and cyrus.conf as opts names them, records their
// text in srcs for diagnostics, and resolves every entry's program. The
// returned diagnostics hold every error and warning of both files; the
// config is usable only when they contain no error.
func Load(opts Options, srcs *diagnostics.Sources) (*Config, hcl.Diagnostics) {
	imapd, diags := imapdconf.ParseFile(opts.ImapdConf, srcs)
	if imapd != nil && imapd.String("configdirectory") == "" && !diags.HasErrors() {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "configdirectory not set",
			Detail:   fmt.Sprintf("%s must set configdirectory: the master keeps its pid file, sockets and lock files there.", opts.ImapdConf),
		})
	}
	diags = append(diags, checkMetricsConfig(imapd)...)
	cc, cdiags := cyrusconf.ParseFile(opts.CyrusConf, srcs)
	diags = append(diags, cdiags...)
	if cc == nil {
		return nil, diags
	}
	cfg, rdiags := resolve(cc, opts.LibexecDir, opts.ImapdConf)
	cfg.Imapd = imapd
	return cfg, append(diags, rdiags...)
}

// resolve turns a parsed cyrus.conf into runnable definitions.
func resolve(cc *cyrusconf.Config, libexec, imapdConf string) (*Config, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	r := resolver{libexec: libexec, imapdConf: imapdConf, diags: &diags}
	cfg := &Config{
		Start: resolveSection(r, "START", cc.Start, func(e *cyrusconf.Start) *cyrusconf.Entry { return &e.Entry },
			func(e *cyrusconf.Start, argv []string) *StartDef { return &StartDef{e, argv} }),
		Services: resolveSection(r, "SERVICES", cc.Services, func(e *cyrusconf.Service) *cyrusconf.Entry { return &e.Entry },
			func(e *cyrusconf.Service, argv []string) *ServiceDef { return &ServiceDef{e, argv} }),
		Events: resolveSection(r, "EVENTS", cc.Events, func(e *cyrusconf.Event) *cyrusconf.Entry { return &e.Entry },
			func(e *cyrusconf.Event, argv []string) *EventDef { return &EventDef{e, argv} }),
		Daemons: resolveSection(r, "DAEMON", cc.Daemons, func(e *cyrusconf.Daemon) *cyrusconf.Entry { return &e.Entry },
			func(e *cyrusconf.Daemon, argv []string) *DaemonDef { return &DaemonDef{e, argv} }),
	}
	return cfg, diags
}

type resolver struct {
	libexec, imapdConf string
	diags              *hcl.Diagnostics
}

// resolveSection resolves the program of every entry of one section,
// keeping the entries that can run.
func resolveSection[E any, D any](r resolver, section string, entries []E, entry func(E) *cyrusconf.Entry, def func(E, []string) D) []D {
	var out []D
	for _, e := range entries {
		argv, skip, d := resolveArgv(entry(e), section, r.libexec, r.imapdConf)
		*r.diags = append(*r.diags, d...)
		if argv != nil && !skip {
			out = append(out, def(e, argv))
		}
	}
	return out
}

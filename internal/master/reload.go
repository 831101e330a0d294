package master

import (
	"slices"
	"syscall"
	"time"

	"github.com/corvusmail/corvus/conf/cyrusconf"
	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/hashicorp/hcl/v2"
)

// reload re-reads cyrus.conf on SIGHUP. Services whose name, listen and
// proto are unchanged keep their sockets, so no connection is refused;
// their workers are told to exit after their current client and new ones
// start with the new settings. Removed services stop accepting; new ones
// are bound. Unlike Cyrus, which drops just the broken entries, a file with
// errors is rejected whole and the running configuration stays: half of an
// admin's edit applied is the more surprising outcome.
func (m *Master) reload() {
	m.log.Info().Str("file", m.opts.CyrusConf).Msg("reloading")
	var srcs diagnostics.Sources
	cc, diags := cyrusconf.ParseFile(m.opts.CyrusConf, &srcs)
	var cfg *Config
	if cc != nil {
		var rd hcl.Diagnostics
		cfg, rd = resolve(cc, m.opts.LibexecDir, m.opts.ImapdConf)
		diags = append(diags, rd...)
	}
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			m.log.Error().Msg(diagnostics.Short(d))
		} else {
			m.log.Warn().Msg(diagnostics.Short(d))
		}
	}
	if cfg == nil || diags.HasErrors() {
		m.log.Error().Str("file", m.opts.CyrusConf).Msg("reload rejected; the running configuration stays")
		return
	}
	cfg.Imapd = m.cfg.Imapd
	m.reloadServices(cfg.Services)
	m.reloadDaemons(cfg.Daemons)
	m.reloadEvents(cfg.Events)
	m.cfg = cfg
	m.log.Info().Int("services", len(m.instances)).Int("daemons", len(m.daemons)).Msg("reloaded")
}

func (m *Master) reloadServices(defs []*ServiceDef) {
	old := map[string][]*instance{}
	for _, in := range m.instances {
		if !in.removed {
			old[in.def.Name] = append(old[in.def.Name], in)
		}
	}
	var add []*ServiceDef
	for _, def := range defs {
		ins := old[def.Name]
		delete(old, def.Name)
		if ins == nil {
			add = append(add, def)
			continue
		}
		if !sameListener(ins[0].def, def) {
			m.removeInstances(ins)
			add = append(add, def)
			continue
		}
		for _, in := range ins {
			in.def = def
			in.bucket = newForkBucket(def.MaxForkRate)
			in.disabled, in.failures = false, nil // as Cyrus: SIGHUP re-enables
			m.retireWorkers(in)
		}
	}
	for _, ins := range old {
		m.removeInstances(ins)
	}
	for _, def := range add {
		ins, err := m.bindService(def)
		if err != nil {
			m.log.Error().Err(err).Str("service", def.Name).Msg("cannot add service")
			continue
		}
		m.instances = append(m.instances, ins...)
	}
	for _, in := range slices.Clone(m.instances) {
		if !in.removed {
			m.schedule(in)
		}
	}
}

func sameListener(a, b *ServiceDef) bool {
	return a.Listen.String() == b.Listen.String() && a.Proto == b.Proto
}

// retireWorkers tells every worker of an instance to exit after its
// current client (idle ones exit at once); they stop counting as ready so
// replacements with the new settings are forked right away.
func (m *Master) retireWorkers(in *instance) {
	for _, c := range in.kids {
		if c.retiring {
			continue
		}
		c.retiring, c.retiredAt = true, time.Now()
		if c.state == stateReady {
			in.ready--
		}
		m.signal(c, syscall.SIGHUP)
	}
}

// removeInstances stops a service: its listeners close now, its workers
// finish their clients and exit.
func (m *Master) removeInstances(ins []*instance) {
	for _, in := range ins {
		m.log.Info().Str("service", in.def.Name).Str("listen", in.sock.Addr).Msg("removing service")
		in.removed = true
		in.close()
		m.retireWorkers(in)
		if in.active == 0 {
			m.dropInstance(in)
		}
	}
}

func (m *Master) reloadDaemons(defs []*DaemonDef) {
	keep := map[string]bool{}
	for _, def := range defs {
		keep[def.Name] = true
		d := m.daemons[def.Name]
		if d != nil && slices.Equal(d.def.Argv, def.Argv) && d.def.MaxFDs == def.MaxFDs {
			d.def = def
			continue
		}
		if d != nil {
			m.stopDaemon(d)
		}
		nd := m.newDaemonRun(def)
		m.daemons[def.Name] = nd
		m.restartDaemon(nd)
	}
	for name, d := range m.daemons {
		if !keep[name] {
			m.stopDaemon(d)
			delete(m.daemons, name)
		}
	}
}

// stopDaemon ends a daemon that a reload removed or changed.
func (m *Master) stopDaemon(d *daemonRun) {
	d.removed = true
	if d.proc != nil {
		m.signal(d.proc, syscall.SIGTERM)
	}
	m.waitOrder = slices.DeleteFunc(m.waitOrder, func(x *daemonRun) bool { return x == d })
}

// reloadEvents replaces the schedule. Once-at-start-up events are not run
// again: a reload is not a start-up.
func (m *Master) reloadEvents(defs []*EventDef) {
	m.stopEvents()
	running := map[string]int{}
	for name, r := range m.events2 {
		running[name] = r.running
	}
	m.events2 = map[string]*eventRun{}
	for _, def := range defs {
		r := &eventRun{def: def, running: running[def.Name]}
		m.events2[def.Name] = r
		m.armEvent(r)
	}
}

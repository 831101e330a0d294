package master

import (
	"fmt"

	"github.com/corvusmail/corvus/internal/listener"
)

// bindAll binds every service of the configuration; any failure is fatal
// at start-up (Cyrus's master_bind_errors_fatal behaviour for a first
// start, where a missing listener would be a silent difference).
func (m *Master) bindAll() error {
	for _, def := range m.cfg.Services {
		ins, err := m.bindService(def)
		if err != nil {
			return err
		}
		m.instances = append(m.instances, ins...)
	}
	return nil
}

// bindService binds one service's sockets and makes an instance of each.
func (m *Master) bindService(def *ServiceDef) ([]*instance, error) {
	spec := listener.Spec{
		Path:    def.Listen.Path,
		Host:    def.Listen.Host,
		Port:    def.Listen.Port,
		Network: string(def.Proto),
		Backlog: m.opts.Backlog,
	}
	if uid, gid, ok := m.priv.owner(); ok {
		spec.Chown, spec.UID, spec.GID = true, uid, gid
	}
	socks, err := listener.Bind(spec)
	if err != nil {
		return nil, fmt.Errorf("service %s (%s): %w", def.Name, def.Listen.Raw, err)
	}
	var out []*instance
	for _, s := range socks {
		m.nextID++
		in, err := newInstance(def, m.nextID, s, m.events)
		if err != nil {
			for _, o := range out {
				o.close()
			}
			for _, s := range socks {
				s.Close()
			}
			return nil, err
		}
		m.log.Info().Str("service", def.Name).Str("listen", s.Addr).Int("prefork", def.Prefork).Int("maxchild", def.MaxChild).Msg("listening")
		out = append(out, in)
	}
	return out, nil
}

// dropInstance forgets a removed instance once its last worker is gone.
func (m *Master) dropInstance(in *instance) {
	for i, o := range m.instances {
		if o == in {
			m.instances = append(m.instances[:i], m.instances[i+1:]...)
			break
		}
	}
}

package master

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"
)

// daemonRun is one DAEMON entry and its current process.
type daemonRun struct {
	def      *DaemonDef
	id       int
	proc     *child
	bucket   forkBucket
	early    int  // consecutive deaths within earlyDeath of starting
	removed  bool // dropped by a reload
	pending  bool // a restart is scheduled
	startSeq int
}

// earlyDeath: a daemon dying sooner than this after start counts toward
// the back-off, so a daemon that cannot start does not spin.
const earlyDeath = 10 * time.Second

// waitTimeout bounds how long start-up waits for a wait=y daemon's "ok".
const waitTimeout = 60 * time.Second

func (m *Master) newDaemonRun(def *DaemonDef) *daemonRun {
	m.nextID++
	return &daemonRun{def: def, id: m.nextID, bucket: newForkBucket(def.MaxForkRate)}
}

// startWaitDaemons starts the wait=y daemons one at a time before any
// service is bound, each time waiting for "ok\r\n" on its fd 3 (Cyrus 3.x).
func (m *Master) startWaitDaemons(sigs <-chan os.Signal) error {
	for _, def := range m.cfg.Daemons {
		if !def.Wait {
			continue
		}
		d := m.newDaemonRun(def)
		m.daemons[def.Name] = d
		m.waitOrder = append(m.waitOrder, d)
		r, w, err := os.Pipe()
		if err != nil {
			return fmt.Errorf("pipe for daemon %s: %w", def.Name, err)
		}
		err = m.spawnDaemon(d, w)
		w.Close()
		if err != nil {
			r.Close()
			return err
		}
		err = waitOK(r, waitTimeout)
		r.Close()
		if err != nil {
			return fmt.Errorf("daemon %s (wait=y): %w", def.Name, err)
		}
		m.log.Info().Str("daemon", def.Name).Int("child", d.proc.pid).Msg("daemon ready")
	}
	return nil
}

// waitOK reads the daemon's readiness line.
func waitOK(r *os.File, timeout time.Duration) error {
	r.SetReadDeadline(time.Now().Add(timeout))
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		return fmt.Errorf("no \"ok\" on fd 3: %w", err)
	}
	if strings.TrimRight(line, "\r\n") != "ok" {
		return fmt.Errorf("expected \"ok\" on fd 3, got %q", line)
	}
	return nil
}

// startDaemons starts every DAEMON without wait=y.
func (m *Master) startDaemons() {
	for _, def := range m.cfg.Daemons {
		if def.Wait {
			continue
		}
		d := m.newDaemonRun(def)
		m.daemons[def.Name] = d
		m.restartDaemon(d)
	}
}

// spawnDaemon starts a daemon's process; status is its fd 3 (nil: none).
func (m *Master) spawnDaemon(d *daemonRun, status *os.File) error {
	proc, err := m.startProcess(procSpec{
		argv: d.def.Argv, name: d.def.Name, id: d.id, daemon: true,
		status: status, maxFDs: d.def.MaxFDs,
	})
	if err != nil {
		return err
	}
	c := &child{pid: proc.Pid, proc: proc, kind: kindDaemon, name: d.def.Name, daemon: d, started: time.Now()}
	m.children[c.pid] = c
	d.proc = c
	d.startSeq++
	m.met.DaemonStarted(d.def.Name)
	m.log.Info().Str("daemon", d.def.Name).Int("child", c.pid).Msg("started daemon")
	return nil
}

// restartDaemon (re)starts a daemon within its maxforkrate, backing off
// when it keeps dying right after start.
func (m *Master) restartDaemon(d *daemonRun) {
	if m.shuttingDown || d.removed || d.proc != nil || d.pending {
		return
	}
	delay := time.Duration(0)
	if d.early >= stormLimit {
		delay = stormWindow
		m.log.Error().Str("daemon", d.def.Name).Dur("retry", delay).Msg("daemon keeps dying right after start; backing off")
		d.early = 0
	} else if !d.bucket.take(time.Now()) {
		delay = forkRetryDelay
	}
	if delay > 0 {
		d.pending = true
		m.after(delay, func() {
			d.pending = false
			m.restartDaemon(d)
		})
		return
	}
	if err := m.spawnDaemon(d, nil); err != nil {
		m.log.Error().Err(err).Str("daemon", d.def.Name).Msg("cannot start daemon")
		d.early++
		d.pending = true
		m.after(forkRetryDelay, func() {
			d.pending = false
			m.restartDaemon(d)
		})
	}
}

func (m *Master) onDaemonExit(c *child, abnormal bool) {
	d := c.daemon
	if d.proc == c {
		d.proc = nil
	}
	if abnormal && !c.signaled {
		m.met.DaemonCrashed(d.def.Name)
	}
	if time.Since(c.started) < earlyDeath {
		d.early++
	} else {
		d.early = 0
	}
	if d.removed {
		return
	}
	// As Cyrus: DAEMON entries are babysat, whatever their exit status.
	m.restartDaemon(d)
}

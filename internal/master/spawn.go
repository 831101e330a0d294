package master

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/corvusmail/corvus/internal/logging"
	"github.com/corvusmail/corvus/internal/metrics/procstats"
	"github.com/corvusmail/corvus/internal/service"
	"golang.org/x/sys/unix"
)

// procSpec describes one process to start.
type procSpec struct {
	argv   []string
	name   string // CYRUS_SERVICE
	id     int    // CYRUS_ID
	daemon bool
	status *os.File // fd 3, or nil
	listen *os.File // fd 4, or nil
	maxFDs int
}

// startProcess starts a child the way Cyrus's master does: fd 3 the status
// pipe, fd 4 the listener, stdin /dev/null, stdout/stderr to the master's
// log destination, CYRUS_* in the environment, the cyrus user's
// credentials when the master started as root. A goroutine waits for the
// child and reports its exit to the event loop.
func (m *Master) startProcess(ps procSpec) (*os.Process, error) {
	status := ps.status
	if status == nil {
		status = m.devnull
	}
	files := []*os.File{m.devnull, m.opts.Stdout, m.opts.Stderr, status}
	if ps.listen != nil {
		files = append(files, ps.listen)
	}
	attr := &os.ProcAttr{
		Env:   m.childEnv(ps),
		Files: files,
		Sys: &syscall.SysProcAttr{
			Credential: m.priv.credential(),
			// If the master dies without shutting down, its children get
			// SIGTERM instead of serving on as orphans.
			Pdeathsig: syscall.SIGTERM,
		},
	}
	proc, err := os.StartProcess(ps.argv[0], ps.argv, attr)
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", argvString(ps.argv), err)
	}
	if ps.maxFDs > 0 {
		// Go cannot set a limit between fork and exec, so the limit is
		// set on the child right after it starts, before it has served
		// anything.
		lim := unix.Rlimit{Cur: uint64(ps.maxFDs), Max: uint64(ps.maxFDs)}
		if err := unix.Prlimit(proc.Pid, unix.RLIMIT_NOFILE, &lim, nil); err != nil {
			m.log.Warn().Err(err).Str("service", ps.name).Int("child", proc.Pid).Int("maxfds", ps.maxFDs).Msg("cannot set maxfds")
		}
	}
	m.met.ProcessStarted(proc.Pid, ps.name)
	go func() {
		state, err := proc.Wait()
		select {
		case m.events <- exitEvent{pid: proc.Pid, state: state, err: err}:
		case <-m.done:
		}
	}()
	return proc, nil
}

// childEnv is the master's environment without stale CYRUS_* settings,
// plus the worker contract's variables.
func (m *Master) childEnv(ps procSpec) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "CYRUS_") || strings.HasPrefix(kv, logging.EnvDest+"=") || strings.HasPrefix(kv, procstats.EnvDir+"=") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		service.EnvService+"="+ps.name,
		service.EnvID+"="+strconv.Itoa(ps.id),
		service.EnvVerbose+"="+strconv.Itoa(m.opts.Verbose),
	)
	if ps.daemon {
		env = append(env, service.EnvIsDaemon+"=1")
	}
	if m.opts.LogToStderr {
		env = append(env, logging.EnvDest+"=stderr")
	}
	if m.met != nil {
		env = append(env, procstats.EnvDir+"="+m.cfg.Imapd.String("prometheus_stats_dir"))
	}
	return env
}

// spawnWorker forks one worker for an instance. A new worker counts as
// ready at once, as in Cyrus: it has not said anything yet but will accept.
func (m *Master) spawnWorker(in *instance) error {
	proc, err := m.startProcess(procSpec{
		argv: in.def.Argv, name: in.def.Name, id: in.id,
		status: in.statusW, listen: in.sock.File, maxFDs: in.def.MaxFDs,
	})
	if err != nil {
		return err
	}
	c := &child{pid: proc.Pid, proc: proc, kind: kindWorker, name: in.def.Name, inst: in, state: stateReady, started: time.Now()}
	m.children[c.pid] = c
	in.kids[c.pid] = c
	in.active++
	in.ready++
	m.met.Forked(in.def.Name)
	m.log.Debug().Str("service", in.def.Name).Int("child", c.pid).Int("ready", in.ready).Int("active", in.active).Msg("forked worker")
	return nil
}

// signal sends sig to a child and remembers that its end is expected.
func (m *Master) signal(c *child, sig syscall.Signal) {
	c.signaled = true
	if err := c.proc.Signal(sig); err != nil && err != os.ErrProcessDone {
		m.log.Debug().Err(err).Int("child", c.pid).Msg("signal child")
	}
}

// Package pgroup runs the processes a benchmark starts (master, a
// reference server) each in a process group of its own: a terminal ^C
// reaches only the benchmark, which then stops them in order
// (Interruptible), and whatever one leaves behind can be found by its
// group and killed.
package pgroup

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/corvusmail/corvus/bench/procstat"
)

// Bounds on stopping a process.
const (
	// TermTimeout is how long Stop waits after SIGTERM: master's own
	// shutdown grace is 10 s.
	TermTimeout = 15 * time.Second
	killTimeout = 5 * time.Second
)

// Process is a command started in a process group of its own.
type Process struct {
	// Cmd is the command; its Process is set.
	Cmd *exec.Cmd
	// Started is the time just before fork/exec.
	Started time.Time

	exited  chan struct{}
	stopped func()
	once    sync.Once
}

// running holds every process not yet stopped, so an interrupt or a fatal
// error can stop them all.
var running = struct {
	sync.Mutex
	m map[*Process]bool
}{m: map[*Process]bool{}}

// Start starts cmd in a process group of its own and registers it for
// StopAll. exited, if not nil, runs once cmd has been waited for (to close
// its log); stopped, if not nil, at the end of Stop (to remove its files).
func Start(cmd *exec.Cmd, exited, stopped func()) (*Process, error) {
	// Pdeathsig: should the benchmark itself be killed, the child is told
	// to stop too (master then stops its workers) instead of serving on.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	p := &Process{Cmd: cmd, exited: make(chan struct{}), stopped: stopped}
	running.Lock()
	defer running.Unlock()
	p.Started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", cmd.Path, err)
	}
	running.m[p] = true
	go func() {
		cmd.Wait()
		if exited != nil {
			exited()
		}
		close(p.exited)
	}()
	return p, nil
}

// Pid is the process's pid, which is also its process group's id.
func (p *Process) Pid() int { return p.Cmd.Process.Pid }

// Exited is closed once the process has ended and been waited for.
func (p *Process) Exited() <-chan struct{} { return p.exited }

// HasExited reports whether the process has ended.
func (p *Process) HasExited() bool {
	select {
	case <-p.exited:
		return true
	default:
		return false
	}
}

// Stop ends the process: SIGTERM (master then stops its workers), a
// bounded wait, SIGKILL to the whole group, and finally SIGKILL to
// anything still in the group. Safe to call more than once and from any
// goroutine.
func (p *Process) Stop() {
	p.once.Do(func() {
		if !p.HasExited() {
			p.terminate()
		}
		// A group id stays reserved while the group has members, so
		// whatever is still in it is ours.
		for _, pid := range procstat.Group(p.Pid()) {
			fmt.Fprintf(os.Stderr, "%s: killing pid %d left behind by pid %d\n", prog(), pid, p.Pid())
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
		if p.stopped != nil {
			p.stopped()
		}
		running.Lock()
		delete(running.m, p)
		running.Unlock()
	})
}

// terminate sends SIGTERM and, if that is ignored, SIGKILL to the group.
func (p *Process) terminate() {
	_ = p.Cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
		return
	case <-time.After(TermTimeout):
	}
	fmt.Fprintf(os.Stderr, "%s: %s (pid %d) ignored SIGTERM for %v; killing its process group\n", prog(), p.Cmd.Path, p.Pid(), TermTimeout)
	_ = syscall.Kill(-p.Pid(), syscall.SIGKILL)
	select {
	case <-p.exited:
	case <-time.After(killTimeout):
		fmt.Fprintf(os.Stderr, "%s: pid %d still there after SIGKILL\n", prog(), p.Pid())
	}
}

// StopAll stops every process still running, all at once.
func StopAll() {
	running.Lock()
	ps := make([]*Process, 0, len(running.m))
	for p := range running.m {
		ps = append(ps, p)
	}
	running.Unlock()
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Go(p.Stop)
	}
	wg.Wait()
}

// prog names the benchmark in messages: `go run` names its binary after
// the package directory, so this is "storm", "imapload", ….
func prog() string { return filepath.Base(os.Args[0]) }

package main

import (
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// Bounds on stopping a process storm started.
const (
	termTimeout = 15 * time.Second // master's own shutdown grace is 10 s
	killTimeout = 5 * time.Second
)

// child is a process storm started, in a process group of its own: a
// terminal ^C reaches only storm, which then stops its children in order,
// and whatever a child leaves behind can be found by its group.
type child struct {
	cmd     *exec.Cmd
	started time.Time // just before fork/exec
	exited  chan struct{}
	once    sync.Once
	// afterStop, if set, runs at the end of stop (to remove files).
	afterStop func()
}

// children holds every child not yet stopped, so an interrupt or a fatal
// error can stop them all.
var children = struct {
	sync.Mutex
	m map[*child]bool
}{m: map[*child]bool{}}

// startChild starts cmd in its own process group and registers it; done,
// if not nil, runs once cmd has been waited for.
func startChild(cmd *exec.Cmd, done func()) (*child, error) {
	// Pdeathsig: should storm itself be killed, the child is told to stop
	// too (master then stops its workers) instead of serving on.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	c := &child{cmd: cmd, exited: make(chan struct{})}
	children.Lock()
	defer children.Unlock()
	c.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", cmd.Path, err)
	}
	children.m[c] = true
	go func() {
		cmd.Wait()
		if done != nil {
			done()
		}
		close(c.exited)
	}()
	return c, nil
}

func (c *child) pid() int { return c.cmd.Process.Pid }

func (c *child) hasExited() bool {
	select {
	case <-c.exited:
		return true
	default:
		return false
	}
}

// stop ends the child: SIGTERM (master then stops its workers), a bounded
// wait, SIGKILL to the whole group, and finally SIGKILL to anything still
// in the group. Safe to call more than once and from any goroutine.
func (c *child) stop() {
	c.once.Do(func() {
		if !c.hasExited() {
			_ = c.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-c.exited:
			case <-time.After(termTimeout):
				fmt.Fprintf(os.Stderr, "storm: %s (pid %d) ignored SIGTERM for %v; killing its process group\n", c.cmd.Path, c.pid(), termTimeout)
				_ = syscall.Kill(-c.pid(), syscall.SIGKILL)
				select {
				case <-c.exited:
				case <-time.After(killTimeout):
					fmt.Fprintf(os.Stderr, "storm: pid %d still there after SIGKILL\n", c.pid())
				}
			}
		}
		// A group id stays reserved while the group has members, so
		// whatever is still in it is ours.
		for _, pid := range groupMembers(c.pid()) {
			fmt.Fprintf(os.Stderr, "storm: killing pid %d left behind by pid %d\n", pid, c.pid())
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
		if c.afterStop != nil {
			c.afterStop()
		}
		children.Lock()
		delete(children.m, c)
		children.Unlock()
	})
}

// stopAll stops every child still running.
func stopAll() {
	children.Lock()
	cs := make([]*child, 0, len(children.m))
	for c := range children.m {
		cs = append(cs, c)
	}
	children.Unlock()
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() { defer wg.Done(); c.stop() }()
	}
	wg.Wait()
}

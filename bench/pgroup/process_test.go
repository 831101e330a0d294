package pgroup

import (
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corvusmail/corvus/bench/procstat"
)

// waitGroupSize waits (bounded) until process group pgrp has n members.
func waitGroupSize(t *testing.T, pgrp, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for len(procstat.Group(pgrp)) != n {
		if time.Now().After(deadline) {
			t.Fatalf("group %d has %v, want %d members", pgrp, procstat.Group(pgrp), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestStop(t *testing.T) {
	tests := []struct {
		name    string
		script  string
		members int // in the group once started
	}{
		{"one process", "exec sleep 30", 1},
		// The background sleep outlives the shell's SIGTERM: Stop must
		// find it by its group and kill it.
		{"a process left behind", "sleep 30 & exec sleep 30", 2},
		{"already exited", "exit 0", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var exited, stopped atomic.Int32
			p, err := Start(exec.Command("sh", "-c", tt.script), func() { exited.Add(1) }, func() { stopped.Add(1) })
			if err != nil {
				t.Fatal(err)
			}
			defer p.Stop()
			waitGroupSize(t, p.Pid(), tt.members)
			if tt.members > 0 && p.HasExited() {
				t.Fatal("HasExited before Stop")
			}
			p.Stop()
			p.Stop() // a second Stop does nothing
			select {
			case <-p.Exited():
			case <-time.After(5 * time.Second):
				t.Fatal("Exited not closed after Stop")
			}
			// SIGKILLed leftovers take a moment to die.
			waitGroupSize(t, p.Pid(), 0)
			if exited.Load() != 1 || stopped.Load() != 1 {
				t.Errorf("exited ran %d times, stopped %d; want 1 and 1", exited.Load(), stopped.Load())
			}
		})
	}
}

func TestStopAll(t *testing.T) {
	var ps []*Process
	for range 3 {
		p, err := Start(exec.Command("sleep", "30"), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	StopAll()
	for _, p := range ps {
		if !p.HasExited() {
			t.Errorf("pid %d still running after StopAll", p.Pid())
		}
	}
	running.Lock()
	n := len(running.m)
	running.Unlock()
	if n != 0 {
		t.Errorf("%d processes still registered after StopAll", n)
	}
}

func TestStartFails(t *testing.T) {
	p, err := Start(exec.Command("/nonexistent/master"), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/master") {
		t.Fatalf("Start = %v, %v; want an error naming the program", p, err)
	}
}

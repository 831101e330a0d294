package pgroup

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

func TestInterruptible(t *testing.T) {
	tests := []struct {
		name   string
		signal bool // a SIGHUP before end, else end alone
	}{
		{"end", false},
		{"first signal", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, end := Interruptible()
			p, err := Start(exec.Command("sleep", "30"), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Stop()
			if tt.signal {
				syscall.Kill(os.Getpid(), syscall.SIGHUP)
				select {
				case <-ctx.Done():
				case <-time.After(5 * time.Second):
					t.Fatal("SIGHUP did not cancel the context")
				}
				if p.HasExited() {
					t.Fatal("the first signal stopped a process; only the run should stop")
				}
			}
			end()
			end() // a second end does nothing
			if ctx.Err() == nil || !p.HasExited() {
				t.Fatalf("after end: context %v, process exited %v", ctx.Err(), p.HasExited())
			}
		})
	}
}

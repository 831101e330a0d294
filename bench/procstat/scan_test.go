package procstat

import (
	"os"
	"os/exec"
	"slices"
	"syscall"
	"testing"
	"time"
)

// TestScan starts a child in a group of its own and finds it both as a
// child of the test and as its group's only member.
func TestScan(t *testing.T) {
	cmd := exec.Command("sleep", "10")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Skipf("no sleep(1): %v", err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	pid := cmd.Process.Pid
	deadline := time.Now().Add(5 * time.Second)
	for {
		kids := PIDs(Children(os.Getpid()))
		if slices.Contains(kids, pid) && slices.Equal(Group(pid), []int{pid}) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("child %d not found: children %v, group %v", pid, kids, Group(pid))
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if g := Group(pid); len(g) != 0 {
		t.Errorf("Group(%d) after exit = %v, want none", pid, g)
	}
}

func TestPIDs(t *testing.T) {
	tests := []struct {
		in   []Proc
		want []int
	}{
		{nil, []int{}},
		{[]Proc{{4, 'S'}, {2, 'R'}}, []int{4, 2}},
	}
	for _, tt := range tests {
		if got := PIDs(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("PIDs(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

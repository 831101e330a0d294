package procstat

import (
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"
)

func TestSubtree(t *testing.T) {
	parent := map[int]int{
		10: 1, 11: 10, 12: 10, 13: 11, // tree under 10
		20: 1, 21: 20, // another tree
		30: 31, 31: 30, // a loop not under 10
		40: 40, // its own parent
	}
	cases := []struct {
		root int
		want []int
	}{
		{10, []int{11, 12, 13}},
		{11, []int{13}},
		{13, nil},
		{20, []int{21}},
		{30, []int{31}}, // the loop is cut where it comes back to root
		{99, nil},
	}
	for _, c := range cases {
		got := Subtree(parent, c.root)
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("Subtree(%d) = %v, want %v", c.root, got, c.want)
		}
	}
}

// TestDescendants finds a grandchild: sh forks sleep.
func TestDescendants(t *testing.T) {
	cmd := exec.Command("sh", "-c", "sleep 10; true")
	if err := cmd.Start(); err != nil {
		t.Skipf("no sh(1): %v", err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		d := PIDs(Descendants(os.Getpid()))
		if slices.Contains(d, cmd.Process.Pid) && len(d) >= 2 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("sh %d and its sleep not both found below the test: %v", cmd.Process.Pid, d)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

package tests

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func itoa(n int) string { return strconv.Itoa(n) }

// killTree stops a master started outside the harness and its children.
func killTree(pid int) {
	kids := harness.ChildrenOf(pid)
	syscall.Kill(pid, syscall.SIGTERM)
	if !harness.Eventually(15*time.Second, func() bool { return !harness.Alive(pid) }) {
		syscall.Kill(pid, syscall.SIGKILL)
	}
	for _, k := range kids {
		if harness.Alive(k.Pid) {
			syscall.Kill(k.Pid, syscall.SIGKILL)
		}
	}
}

func writeFile0600(path, text string) error { return os.WriteFile(path, []byte(text), 0o600) }

// runWithin runs cmd to its end within limit and returns its output; a
// failure or a hang fails the test with that output.
func runWithin(t *testing.T, limit time.Duration, cmd *exec.Cmd) string {
	t.Helper()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v\n%s", cmd.Args[0], err, out.String())
		}
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s did not finish within %s:\n%s", cmd.Args[0], limit, out.String())
	}
	return out.String()
}

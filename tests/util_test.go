package tests

import (
	"os"
	"strconv"
	"strings"
	"syscall"
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

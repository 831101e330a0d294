package main

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// setupStdio points the master's (and so its children's) standard output
// and error at the -L log file, or at /dev/null unless keep is set (-D, or
// the daemonized child, whose stdio is already /dev/null). Standard input
// is always /dev/null, as Cyrus's master closes it. Go's own crash output
// goes to fd 2, so the descriptors themselves are replaced.
func setupStdio(logFile string, keep bool) error {
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("open %s: %w", os.DevNull, err)
	}
	defer null.Close()
	if err := unix.Dup2(int(null.Fd()), 0); err != nil {
		return fmt.Errorf("redirect stdin: %w", err)
	}
	out := null
	if logFile != "" {
		f, err := os.OpenFile(logFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
		if err != nil {
			return fmt.Errorf("open log file: %w", err)
		}
		defer f.Close()
		out = f
	} else if keep {
		return nil
	}
	for _, fd := range []int{1, 2} {
		if err := unix.Dup2(int(out.Fd()), fd); err != nil {
			return fmt.Errorf("redirect fd %d: %w", fd, err)
		}
	}
	return nil
}

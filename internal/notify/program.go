package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// outputLimit is how much of a failing program's output goes into the
// error.
const outputLimit = 512

// program is one run of an external program: sendmail or notify_external.
type program struct {
	path    string
	argv0   string // argv[0]; "" means path
	args    []string
	stdin   []byte
	timeout time.Duration
}

// run executes p directly (no shell, so nothing in the arguments is
// interpreted), feeds it stdin and waits at most p.timeout, then kills its
// whole process group. A non-zero exit is an error carrying the start of
// its output.
func (p program) run(ctx context.Context) error {
	if !strings.HasPrefix(p.path, "/") {
		return fmt.Errorf("run %q: not an absolute path", p.path)
	}
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, p.path, p.args...)
	if p.argv0 != "" {
		cmd.Args[0] = p.argv0
	}
	cmd.Stdin = bytes.NewReader(p.stdin)
	out := &limitedBuffer{max: outputLimit}
	cmd.Stdout, cmd.Stderr = out, out
	// Its own process group, so that a timeout also ends what it started
	// (a script's children would otherwise hold its pipes open).
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	switch {
	case err == nil:
		return nil
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("run %s: killed after %s", p.path, p.timeout)
	case out.Len() > 0:
		return fmt.Errorf("run %s: %w: %s", p.path, err, strings.TrimSpace(out.String()))
	}
	return fmt.Errorf("run %s: %w", p.path, err)
}

// limitedBuffer keeps the first max bytes written to it and accepts (and
// drops) the rest, so a chatty program never blocks on its output.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

package notify

import (
	"context"
	"errors"
	"time"
)

// External is the external method: it runs imapd.conf's notify_external
// program with Cyrus's arguments
//
//	notify_external -c class -p priority -u user -m mailbox [-f file]
//
// and the message, followed by a newline, on its standard input. As in
// Cyrus, the options are not passed. The program runs directly, without a
// shell, for at most Timeout.
type External struct {
	// Program is notify_external: an absolute path.
	Program string
	// Timeout bounds the run.
	Timeout time.Duration
}

// Notify runs the program for n.
func (e *External) Notify(ctx context.Context, n Notification) error {
	if e.Program == "" {
		// as Cyrus: "no external recipient (program) specified"
		return errors.New("notify_external is not set in imapd.conf")
	}
	args := []string{"-c", n.Class, "-p", n.Priority, "-u", n.User, "-m", n.Mailbox}
	if n.File != "" {
		// Cyrus passes -f even with no file name (then as the last
		// argument, with no value); it is left out here instead.
		args = append(args, "-f", n.File)
	}
	return program{
		path:    e.Program,
		args:    args,
		stdin:   []byte(n.Message + "\n"),
		timeout: timeoutOr(e.Timeout),
	}.run(ctx)
}

// timeoutOr returns t, or DefaultProgramTimeout when t is not set.
func timeoutOr(t time.Duration) time.Duration {
	if t <= 0 {
		return DefaultProgramTimeout
	}
	return t
}

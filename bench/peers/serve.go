package main

import (
	"context"
	"fmt"
	"os"
	"strings"
)

// serve starts one server as the benchmark would (-serve corvus, cyrus,
// dovecot, or dovecot-hibernating), prints where it listens and waits
// for ^C: for trying a server by hand or attaching a profiler to it.
func serve(ctx context.Context, s settings) error {
	kind, hibName, hib := strings.Cut(s.serve, "-")
	if hib && hibName != "hibernating" {
		return fmt.Errorf("-serve %q: corvus, cyrus, dovecot, or one of them with -hibernating", s.serve)
	}
	s.keep = true // what was served is there to be looked at
	work, _, err := workDir(s)
	if err != nil {
		return err
	}
	plan := s.plan()
	in, err := startInstance(s, kind, hib, work, plan)
	if in != nil && in.stop != nil {
		defer in.stop()
	}
	if err != nil {
		return err
	}
	if err := prime(ctx, in, plan); err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "%s: IMAP %s, LMTP %s, root pid %d, data %s, log %s\nusers %s … %s, password %q; ^C stops it\n",
		in.name, in.imap, in.lmtp, in.rootPID(), in.dir, in.log, plan.all()[0], plan.all()[len(plan.all())-1], password)
	select {
	case <-ctx.Done():
	case <-in.proc.Exited():
		return fmt.Errorf("%s exited%s", in.name, in.logTail())
	}
	return nil
}

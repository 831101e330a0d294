package adminenv

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// Tool is what an admin program hands Main: its name and usage line, its
// flag set, how to parse the command line into its options, where -C
// landed, and the work itself.
type Tool struct {
	Name, Usage string
	Flags       *flag.FlagSet
	Parse       func(fs *flag.FlagSet, args []string) error
	ConfigPath  func() string
	Run         func(ctx context.Context, env *Env) int
}

// Main runs t on the process's command line and returns the exit status:
// usage errors and -h print the usage, the configuration is opened (as
// the cyrus user), and the work runs until done or SIGINT/SIGTERM.
func Main(t Tool) int {
	t.Flags.Usage = func() {}
	if err := t.Parse(t.Flags, os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, t.Usage)
			t.Flags.SetOutput(os.Stderr)
			t.Flags.PrintDefaults()
		} else {
			fmt.Fprintf(os.Stderr, "%s: %v\n%s\n", t.Name, err, t.Usage)
		}
		return ExitUsage
	}
	env, err := Open(t.ConfigPath(), t.Name, os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", t.Name, err)
		return ExitConfig
	}
	defer env.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return t.Run(ctx, env)
}

// Command master is Corvus's process master: it reads cyrus.conf, binds
// every listener, and preforks and supervises the workers, exactly where
// Cyrus's master would. See master(8).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/internal/logging"
	"github.com/corvusmail/corvus/internal/master"
	"github.com/corvusmail/corvus/internal/version"
	"github.com/hashicorp/hcl/v2"
)

// Exit statuses, documented in master(8).
const (
	exitOK      = 0
	exitConfig  = 1
	exitStartup = 2
	exitUsage   = 64 // EX_USAGE, as Cyrus's master for a bad option
)

// cliFlags are master's command-line flags, named as Cyrus's.
type cliFlags struct {
	imapdConf, cyrusConf   string
	backlog, janitor       int
	pidFile, readyFile     string
	daemonize, debug       bool
	logFile                string
	verbose, showVer, test bool
}

func newFlagSet(out io.Writer) (*flag.FlagSet, *cliFlags) {
	f := &cliFlags{}
	fs := flag.NewFlagSet("master", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&f.imapdConf, "C", "/etc/imapd.conf", "alternate imapd.conf")
	fs.StringVar(&f.cyrusConf, "M", "/etc/cyrus.conf", "alternate cyrus.conf")
	fs.IntVar(&f.backlog, "l", 32, "listen queue length")
	fs.StringVar(&f.pidFile, "p", "", "pid file (default: master_pid_file)")
	fs.StringVar(&f.readyFile, "r", "", "ready file (default: master_ready_file)")
	fs.BoolVar(&f.daemonize, "d", false, "run in the background")
	fs.BoolVar(&f.debug, "D", false, "stay in the foreground and log to stderr")
	fs.StringVar(&f.logFile, "L", "", "append stdout and stderr (also the children's) to this file")
	fs.IntVar(&f.janitor, "j", 1, "janitor period in seconds")
	fs.BoolVar(&f.verbose, "v", false, "verbose (debug-level) logging, also for children")
	fs.BoolVar(&f.showVer, "V", false, "print the version and exit")
	fs.BoolVar(&f.test, "t", false, "check imapd.conf and cyrus.conf and exit")
	return fs, f
}

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	closeInheritedFDs(-1) // the notify pipe too: workers must not get it
	fs, f := newFlagSet(os.Stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "master: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if f.showVer {
		fmt.Println(version.String("master"))
		return exitOK
	}
	if f.daemonize && f.debug {
		fmt.Fprintln(os.Stderr, "master: -d and -D cannot be used together")
		return exitUsage
	}
	opts := master.Options{
		CyrusConf: f.cyrusConf, ImapdConf: f.imapdConf, Backlog: f.backlog,
		PidFile: f.pidFile, ReadyFile: f.readyFile,
		Janitor: time.Duration(f.janitor) * time.Second, LogToStderr: f.debug,
		LibexecDir: libexecDir(),
	}
	if f.verbose {
		opts.Verbose = 1
	}
	var srcs diagnostics.Sources
	cfg, diags := master.Load(opts, &srcs)
	if f.test {
		return check(diags, &srcs)
	}
	if diags.HasErrors() || cfg == nil {
		diagnostics.Write(os.Stderr, diags, &srcs, 0)
		return exitConfig
	}
	if f.daemonize && !isDaemonChild() {
		return daemonize(args)
	}
	return serve(cfg, diags, opts, f)
}

// check is master -t: every diagnostic of both files, then a summary.
func check(diags hcl.Diagnostics, srcs *diagnostics.Sources) int {
	diagnostics.Write(os.Stderr, diags, srcs, 0)
	errs := len(diags.Errs())
	fmt.Fprintf(os.Stderr, "master: %d error(s), %d warning(s)\n", errs, len(diags)-errs)
	if errs > 0 {
		return exitConfig
	}
	return exitOK
}

// serve sets up stdio and logging, then runs the master until shutdown.
func serve(cfg *master.Config, diags hcl.Diagnostics, opts master.Options, f *cliFlags) int {
	if err := setupStdio(f.logFile, f.debug || isDaemonChild()); err != nil {
		fmt.Fprintf(os.Stderr, "master: %v\n", err)
		return exitStartup
	}
	log, closer := logging.New(logging.Options{
		Ident: "master", Stderr: f.debug, Facility: cfg.Imapd.String("syslog_facility"), Debug: f.verbose,
	})
	defer closer.Close()
	log = log.With().Int("pid", os.Getpid()).Logger()
	for _, d := range diags {
		log.Warn().Msg(diagnostics.Short(d))
	}
	opts.Log = log
	opts.Stdout, opts.Stderr = os.Stdout, os.Stderr
	opts.OnReady = notifyDaemonParent
	m, err := master.New(cfg, opts)
	if err == nil {
		err = m.Run()
	}
	if err != nil {
		log.Error().Err(err).Msg("master failed")
		notifyDaemonParentErr(err)
		if errors.Is(err, master.ErrStartup) {
			return exitStartup
		}
		return exitConfig
	}
	return exitOK
}

// libexecDir is where relative cmd= programs live: beside master itself,
// as Cyrus keeps its programs together in its libexec directory.
func libexecDir() string {
	exe, err := os.Executable()
	if err != nil {
		return "."
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return filepath.Dir(exe)
}

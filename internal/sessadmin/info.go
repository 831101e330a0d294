package sessadmin

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/procinfo"
	"github.com/corvusmail/corvus/internal/version"
)

// infoUsage is cyr_info's usage, with Cyrus's wording of the commands.
const infoUsage = `usage: cyr_info [-C imapd.conf] [-n servicename] command

If you give a service name (-n), it will show config as if you
were running that service, i.e. imap

Where command is one of:

  * conf          - listing of non-default config values
  * conf-all      - listing of all config values
  * conf-default  - listing of all default config values
  * conf-lint     - unknown config keys
  * proc          - listing of all open processes
  * version       - Corvus version`

// InfoOptions is cyr_info's command line.
type InfoOptions struct {
	ConfigPath string
	Service    string
}

// InfoFlags returns cyr_info's flag set: -C and -n, as Cyrus's.
func InfoFlags() (*flag.FlagSet, *InfoOptions) {
	o := &InfoOptions{}
	fs := flag.NewFlagSet("cyr_info", flag.ContinueOnError)
	fs.StringVar(&o.ConfigPath, "C", adminenv.DefaultConfig, "read `imapd.conf` instead of "+adminenv.DefaultConfig)
	fs.StringVar(&o.Service, "n", "", "show the configuration as `servicename` sees it")
	return fs, o
}

// Info runs cyr_info and returns its exit status.
func Info(args []string, stdout, stderr io.Writer) int {
	fs, o := InfoFlags()
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if err != nil || fs.NArg() != 1 || !knownInfoCommand(fs.Arg(0)) {
		if err != nil && !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "cyr_info: %v\n", err)
		}
		fmt.Fprintln(stderr, infoUsage)
		return exitUsage
	}
	cmd := fs.Arg(0)
	if cmd == "version" {
		fmt.Fprintf(stdout, "Corvus %s\n", version.Version)
		return exitOK
	}
	l, err := load(o.ConfigPath, "cyr_info", stderr)
	if err != nil {
		fmt.Fprintf(stderr, "cyr_info: %v\n", err)
		return exitConfig
	}
	if cmd == "proc" {
		return listProcs(l.dir, stdout, stderr)
	}
	writeConf(stdout, l, o.Service, cmd)
	return exitOK
}

func knownInfoCommand(c string) bool {
	switch c {
	case "proc", "conf", "conf-all", "conf-default", "conf-lint", "version":
		return true
	}
	return false
}

// listProcs prints one line per live session, as Cyrus's cyr_info proc:
// pid, service, host, user, mailbox and state, separated by one space
// (empty fields stay empty).
func listProcs(configDir string, stdout, stderr io.Writer) int {
	procs, err := procinfo.List(procinfo.Dir(configDir))
	if err != nil {
		fmt.Fprintf(stderr, "cyr_info: %v\n", err)
		return exitFailure
	}
	for _, p := range procs {
		fmt.Fprintf(stdout, "%d %s %s %s %s %s\n", p.PID, p.Service, p.Host, p.User, p.Mailbox, p.State)
	}
	return exitOK
}

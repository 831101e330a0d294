package sessadmin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/procinfo"
	"github.com/corvusmail/corvus/internal/userdeny"
)

const kickUsage = `usage: cyr_kick [-C imapd.conf] [-s services] user|pid ...`

// kickSignal is what a live imapd ends its sessions on after reading its
// kick request (internal/imap/server.KickSignal).
const kickSignal = unix.SIGUSR1

// kickRounds and kickWait bound the work: a session may move between
// imapd and idled while it is being kicked, so what is left is kicked
// again, a few times, each waited for a while (idled rewrites its proc
// file once a second).
const (
	kickRounds = 3
	kickWait   = 3 * time.Second
)

// KickOptions is cyr_kick's command line.
type KickOptions struct {
	ConfigPath string
	Services   string
}

// KickFlags returns cyr_kick's flag set: -C and -s.
func KickFlags() (*flag.FlagSet, *KickOptions) {
	o := &KickOptions{}
	fs := flag.NewFlagSet("cyr_kick", flag.ContinueOnError)
	fs.StringVar(&o.ConfigPath, "C", adminenv.DefaultConfig, "read `imapd.conf` instead of "+adminenv.DefaultConfig)
	fs.StringVar(&o.Services, "s", "*", "end only sessions of the `services` matching this wildmat list")
	return fs, o
}

// target is what cyr_kick was asked to end: a user's sessions or a
// process's.
type target struct {
	user string
	pid  int
}

func (t target) String() string {
	if t.user != "" {
		return t.user
	}
	return "pid " + strconv.Itoa(t.pid)
}

// matches reports whether p is one of t's sessions within services.
func (t target) matches(p procinfo.Proc, services string) bool {
	if !userdeny.Wildmat(services, p.Service) && p.State != procinfo.StateHibernated {
		return false
	}
	return t.user != "" && p.User == t.user || t.pid != 0 && p.PID == t.pid
}

// Kick runs cyr_kick and returns its exit status: 0 when every target
// had sessions and all of them ended, 1 otherwise.
func Kick(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, o := KickFlags()
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		if err != nil && !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "cyr_kick: %v\n", err)
		}
		fmt.Fprintln(stderr, kickUsage)
		return exitUsage
	}
	var targets []target
	for _, a := range fs.Args() {
		if pid, err := strconv.Atoi(a); err == nil && pid > 0 {
			targets = append(targets, target{pid: pid})
		} else {
			targets = append(targets, target{user: a})
		}
	}
	l, err := load(o.ConfigPath, "cyr_kick", stderr)
	if err != nil {
		fmt.Fprintf(stderr, "cyr_kick: %v\n", err)
		return exitConfig
	}
	k := &kicker{dir: procinfo.Dir(l.dir), idled: l.cfg.String("idlesocket"), services: o.Services,
		stdout: stdout, stderr: stderr}
	status := exitOK
	for _, t := range targets {
		if !k.kick(ctx, t) {
			status = exitFailure
		}
	}
	return status
}

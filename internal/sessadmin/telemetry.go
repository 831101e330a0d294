package sessadmin

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/store"
)

const telemetryUsage = `usage: cyr_telemetry [-C imapd.conf] on user
       cyr_telemetry [-C imapd.conf] [-r] off user
       cyr_telemetry [-C imapd.conf] list`

// offDir is where "off" keeps a user's logs: below log/, under a name no
// user can have (user names never start with '.'), so imapd never takes
// it for a user's telemetry directory.
const offDir = ".off"

// TelemetryOptions is cyr_telemetry's command line.
type TelemetryOptions struct {
	ConfigPath string
	Remove     bool // -r
}

// TelemetryFlags returns cyr_telemetry's flag set: -C and -r.
func TelemetryFlags() (*flag.FlagSet, *TelemetryOptions) {
	o := &TelemetryOptions{}
	fs := flag.NewFlagSet("cyr_telemetry", flag.ContinueOnError)
	fs.StringVar(&o.ConfigPath, "C", adminenv.DefaultConfig, "read `imapd.conf` instead of "+adminenv.DefaultConfig)
	fs.BoolVar(&o.Remove, "r", false, "off: delete the user's logs instead of keeping them")
	return fs, o
}

// Telemetry runs cyr_telemetry and returns its exit status.
func Telemetry(args []string, stdout, stderr io.Writer) int {
	fs, o := TelemetryFlags()
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	a := fs.Args()
	ok := err == nil && len(a) > 0 &&
		(a[0] == "list" && len(a) == 1 || (a[0] == "on" || a[0] == "off") && len(a) == 2)
	if !ok {
		if err != nil && !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "cyr_telemetry: %v\n", err)
		}
		fmt.Fprintln(stderr, telemetryUsage)
		return exitUsage
	}
	if len(a) == 2 {
		if err := store.CheckUser(a[1]); err != nil {
			fmt.Fprintf(stderr, "cyr_telemetry: %v\n", err)
			return exitUsage
		}
	}
	l, err := load(o.ConfigPath, "cyr_telemetry", stderr)
	if err != nil {
		fmt.Fprintf(stderr, "cyr_telemetry: %v\n", err)
		return exitConfig
	}
	logDir := filepath.Join(l.dir, "log")
	switch a[0] {
	case "on":
		err = telemetryOn(logDir, a[1], stdout)
	case "off":
		err = telemetryOff(logDir, a[1], o.Remove, stdout)
	default:
		err = telemetryList(logDir, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "cyr_telemetry: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// telemetryOn creates log/<user>/, 0700: the logs hold mail. imapd
// looks for it at each login, as Cyrus's does.
func telemetryOn(logDir, user string, stdout io.Writer) error {
	if err := os.MkdirAll(logDir, 0o700); err != nil {
		return err
	}
	err := os.Mkdir(filepath.Join(logDir, user), 0o700)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stdout, "%s: telemetry already on\n", user)
		return nil
	}
	if err == nil {
		fmt.Fprintf(stdout, "%s: telemetry on from the next login\n", user)
	}
	return err
}

// telemetryOff removes log/<user>/: at once when empty or with -r (the
// logs go too), else the directory with its logs moves to
// log/.off/<user>-<time>/ for the admin to read and delete.
func telemetryOff(logDir, user string, remove bool, stdout io.Writer) error {
	dir := filepath.Join(logDir, user)
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stdout, "%s: telemetry already off\n", user)
		return nil
	}
	if os.Remove(dir) == nil { // empty
		fmt.Fprintf(stdout, "%s: telemetry off\n", user)
		return nil
	}
	if remove {
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: telemetry off, logs deleted\n", user)
		return nil
	}
	keep := filepath.Join(logDir, offDir)
	if err := os.MkdirAll(keep, 0o700); err != nil {
		return err
	}
	to := filepath.Join(keep, user+"-"+time.Now().Format("20060102T150405"))
	if err := os.Rename(dir, to); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: telemetry off, logs kept in %s\n", user, to)
	return nil
}

// telemetryList prints the users with telemetry on, one a line.
func telemetryList(logDir string, stdout io.Writer) error {
	des, err := os.ReadDir(logDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var users []string
	for _, de := range des {
		if de.IsDir() && !strings.HasPrefix(de.Name(), ".") {
			users = append(users, de.Name())
		}
	}
	slices.Sort(users)
	for _, u := range users {
		fmt.Fprintln(stdout, u)
	}
	return nil
}

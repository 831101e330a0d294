package sessadmin

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"

	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/userdeny"
)

// denyUsage is Cyrus's cyr_deny usage, word for word in its layout.
const denyUsage = `Usage: cyr_deny [-C <altconfig>] [ -s services ] [ -m message ] user
       cyr_deny [-C <altconfig>] -a user
       cyr_deny [-C <altconfig>] -l`

// DenyOptions is cyr_deny's command line.
type DenyOptions struct {
	ConfigPath string
	Allow      bool   // -a
	List       bool   // -l
	Services   string // -s
	Message    string // -m
}

// DenyFlags returns cyr_deny's flag set: Cyrus's -C -a -l -s -m.
func DenyFlags() (*flag.FlagSet, *DenyOptions) {
	o := &DenyOptions{}
	fs := flag.NewFlagSet("cyr_deny", flag.ContinueOnError)
	fs.StringVar(&o.ConfigPath, "C", adminenv.DefaultConfig, "read `imapd.conf` instead of "+adminenv.DefaultConfig)
	fs.BoolVar(&o.Allow, "a", false, "allow the user again")
	fs.BoolVar(&o.List, "l", false, "list the denied users")
	fs.StringVar(&o.Services, "s", "*", "deny only the `services` matching this wildmat list")
	fs.StringVar(&o.Message, "m", userdeny.DefaultMessage, "tell the user `message`")
	return fs, o
}

// Deny runs cyr_deny and returns its exit status.
func Deny(args []string, stdout, stderr io.Writer) int {
	fs, o := DenyFlags()
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	wantUser := !o.List
	if err != nil || o.List && o.Allow || wantUser != (fs.NArg() == 1) || fs.NArg() > 1 {
		if err != nil && !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "cyr_deny: %v\n", err)
		}
		fmt.Fprintln(stderr, denyUsage)
		return exitUsage
	}
	l, err := load(o.ConfigPath, "cyr_deny", stderr)
	if err != nil {
		fmt.Fprintf(stderr, "cyr_deny: %v\n", err)
		return exitConfig
	}
	path := userdeny.Path(l.dir)
	if o.List {
		return listDenied(path, stdout, stderr)
	}
	if err := editDenied(path, fs.Arg(0), o, stderr); err != nil {
		fmt.Fprintf(stderr, "cyr_deny: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// listDenied prints the list in Cyrus's columns.
func listDenied(path string, stdout, stderr io.Writer) int {
	m, err := userdeny.Load(path)
	if err != nil {
		fmt.Fprintf(stderr, "cyr_deny: %v\n", err)
		if m == nil {
			return exitFailure
		}
	}
	fmt.Fprintf(stdout, "%-30s %-20s %s\n", "Username", "Service(s)", "Message")
	for _, u := range slices.Sorted(maps.Keys(m)) {
		e := m[u]
		fmt.Fprintf(stdout, "%-30s %-20s %s\n", e.User, e.Services, e.Message)
	}
	return exitOK
}

// editDenied adds, replaces or (-a) removes user's entry, under a lock so
// that two admins' edits do not lose one another. Allowing a user who is
// not listed is not an error, as in Cyrus.
func editDenied(path, user string, o *DenyOptions, stderr io.Writer) error {
	unlock, err := lockFile(path + ".lock")
	if err != nil {
		return err
	}
	defer unlock()
	m, err := userdeny.Load(path)
	if m == nil {
		return err
	}
	if err != nil {
		fmt.Fprintf(stderr, "cyr_deny: warning: %v (those records are dropped)\n", err)
	}
	if o.Allow {
		if _, ok := m[user]; !ok {
			return nil
		}
		delete(m, user)
	} else {
		m[user] = userdeny.Entry{User: user, Services: o.Services, Message: o.Message}
	}
	return userdeny.Save(path, m)
}

// lockFile takes an exclusive lock on path, created 0600.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}

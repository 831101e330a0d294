// Package reconstruct is reconstruct(8): it rebuilds the metadata of
// users' mailboxes from their message files through the store's
// Reconstructor, with Cyrus's reconstruct flags, and reports what it
// fixed. reconstruct/ wires it to the command line.
package reconstruct

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/corvusmail/corvus/internal/adminenv"
)

// Options are reconstruct's command line, Cyrus's flags first.
type Options struct {
	ConfigPath    string // -C
	Partition     string // -p: only partition-default exists in Corvus
	NoSalvage     bool   // -x: do not import what is readable of a damaged database
	Recursive     bool   // -r: the mailboxes below those named too
	ScanFS        bool   // -f: also accounts found on disk without a database
	RemoveCorrupt bool   // -U: remove messages whose file no longer matches its GUID
	SkipStat      bool   // -s: do not check that message files exist
	Quiet         bool   // -q: print fixes only
	Verify        bool   // -G: check every file against its GUID
	Renumber      bool   // -R: give corrupt messages new UIDs
	IgnoreOdd     bool   // -o: say nothing of odd files
	RemoveOdd     bool   // -O: remove odd files
	PreferList    bool   // -M: accepted, nothing to prefer
	Version       string // -V: refused
	Users         bool   // -u: arguments are users
	DryRun        bool   // -n: report, change nothing
	HeaderPaths   bool   // -P: refused
	Grace         string // -grace: Corvus's, a Go duration
	Args          []string
}

// NewFlagSet returns reconstruct's flags; reconstruct(8) documents each.
func NewFlagSet() (*flag.FlagSet, *Options) {
	o := &Options{}
	fs := flag.NewFlagSet("reconstruct", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // main prints errors and usage once
	fs.StringVar(&o.ConfigPath, "C", adminenv.DefaultConfig, "read `imapd.conf` from this file")
	fs.StringVar(&o.Partition, "p", "", "the `partition` to work on (only default exists)")
	fs.BoolVar(&o.NoSalvage, "x", false, "rebuild a damaged database from the files alone")
	fs.BoolVar(&o.Recursive, "r", false, "also the mailboxes below those named")
	fs.BoolVar(&o.ScanFS, "f", false, "also accounts found on disk without a database")
	fs.BoolVar(&o.RemoveCorrupt, "U", false, "remove messages whose file no longer matches its GUID")
	fs.BoolVar(&o.SkipStat, "s", false, "do not check that message files exist")
	fs.BoolVar(&o.Quiet, "q", false, "print only what was fixed")
	fs.BoolVar(&o.Verify, "G", false, "check every message file against its GUID")
	fs.BoolVar(&o.Renumber, "R", false, "give messages whose file changed a new UID")
	fs.BoolVar(&o.IgnoreOdd, "o", false, "ignore odd files in the message tree")
	fs.BoolVar(&o.RemoveOdd, "O", false, "remove odd files from the message tree")
	fs.BoolVar(&o.PreferList, "M", false, "accepted for compatibility; no effect")
	fs.StringVar(&o.Version, "V", "", "refused: Corvus has no index `version`s")
	fs.BoolVar(&o.Users, "u", false, "arguments are user names")
	fs.BoolVar(&o.DryRun, "n", false, "report what would be fixed, change nothing")
	fs.BoolVar(&o.HeaderPaths, "P", false, "refused: Corvus has no cyrus.header files")
	fs.StringVar(&o.Grace, "grace", "1h", "leave files without metadata younger than this `duration`")
	return fs, o
}

// Parse parses args into o and checks them, refusing what Corvus cannot
// do with a message saying why.
func (o *Options) Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	o.Args = fs.Args()
	switch {
	case o.Version != "":
		return errors.New("-V: Corvus has no index file versions to change; the servers migrate the database schema themselves")
	case o.HeaderPaths:
		return errors.New("-P: Corvus has no cyrus.header files; name the users (-u) or mailboxes to reconstruct")
	case o.IgnoreOdd && o.RemoveOdd:
		return errors.New("-o and -O contradict each other")
	case o.Recursive && len(o.Args) == 0:
		return errors.New("-r: please name a mailbox to recurse from")
	case o.Users && len(o.Args) == 0:
		return errors.New("-u: please name the users")
	}
	if _, err := o.grace(); err != nil {
		return fmt.Errorf("-grace: %w", err)
	}
	return nil
}

// grace is -grace as a store Grace: negative for none.
func (o *Options) grace() (time.Duration, error) {
	d, err := time.ParseDuration(o.Grace)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration like 30m or 0", o.Grace)
	}
	if d == 0 {
		return -1, nil
	}
	return d, nil
}

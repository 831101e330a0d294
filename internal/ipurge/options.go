// Package ipurge is ipurge(8): it deletes messages from users' mailboxes
// by age or size, with Cyrus's ipurge flags, and tells idled of each
// mailbox it changed as imapd does. ipurge/ wires it to the command line.
package ipurge

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/corvusmail/corvus/internal/adminenv"
)

// Options are ipurge's command line, as Cyrus's.
type Options struct {
	ConfigPath  string // -C
	Force       bool   // -f: also users' mailboxes (Corvus has no others)
	Days        count  // -d: age in days
	Bytes       count  // -b
	KBytes      count  // -k: 1024 bytes
	MBytes      count  // -m: 1024*1024 bytes
	Exact       bool   // -x: exactly that age (in whole days) or size
	Delivery    bool   // -X: age by internal date, not the Date header
	Invert      bool   // -i: newer or smaller, or with -x not equal
	SkipFlagged bool   // -s: never \Flagged messages
	OnlyDeleted bool   // -o: only \Deleted messages
	DryRun      bool   // -n: print, delete nothing
	Verbose     bool   // -v
	NoRecurse   bool   // -M: not the mailboxes below those matched
	Args        []string
}

// count is a non-negative number given at most once; it prints as ""
// while unset.
type count struct {
	n   int64
	set bool
}

func (c *count) String() string {
	if !c.set {
		return ""
	}
	return strconv.FormatInt(c.n, 10)
}

func (c *count) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("%q is not a number of 0 or more", s)
	}
	c.n, c.set = n, true
	return nil
}

// NewFlagSet returns ipurge's flags; ipurge(8) documents each.
func NewFlagSet() (*flag.FlagSet, *Options) {
	o := &Options{}
	fs := flag.NewFlagSet("ipurge", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // main prints errors and usage once
	fs.StringVar(&o.ConfigPath, "C", adminenv.DefaultConfig, "read `imapd.conf` from this file")
	fs.BoolVar(&o.Force, "f", false, "purge users' mailboxes too (Corvus has no others)")
	fs.Var(&o.Days, "d", "purge messages older than this many `days`")
	fs.Var(&o.Bytes, "b", "purge messages larger than this many `bytes`")
	fs.Var(&o.KBytes, "k", "purge messages larger than this many `kbytes` (1024 bytes)")
	fs.Var(&o.MBytes, "m", "purge messages larger than this many `mbytes` (1024 kbytes)")
	fs.BoolVar(&o.Exact, "x", false, "exactly that age or size")
	fs.BoolVar(&o.Delivery, "X", false, "age by delivery (internal) date instead of the Date header")
	fs.BoolVar(&o.Invert, "i", false, "invert: newer, smaller, or (with -x) not equal")
	fs.BoolVar(&o.SkipFlagged, "s", false, "skip messages flagged \\Flagged")
	fs.BoolVar(&o.OnlyDeleted, "o", false, "only messages flagged \\Deleted")
	fs.BoolVar(&o.DryRun, "n", false, "print what would be deleted, delete nothing")
	fs.BoolVar(&o.Verbose, "v", false, "print every mailbox and message looked at")
	fs.BoolVar(&o.NoRecurse, "M", false, "not the mailboxes below those matched")
	return fs, o
}

// Parse parses args into o and checks that one criterion is given, as
// Cyrus requires.
func (o *Options) Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	o.Args = fs.Args()
	n := 0
	for _, c := range []count{o.Days, o.Bytes, o.KBytes, o.MBytes} {
		if c.set {
			n++
		}
	}
	if n != 1 {
		return errors.New("give one of -d, -b, -k and -m")
	}
	return nil
}

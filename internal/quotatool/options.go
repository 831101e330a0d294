// Package quotatool is quota(8): it reports the quota roots of users'
// accounts, their limits and usage, in Cyrus's quota format, and with -f
// first recomputes the usage from the messages and fixes it. quota/ wires
// it to the command line.
package quotatool

import (
	"flag"
	"io"

	"github.com/corvusmail/corvus/internal/adminenv"
)

// Options are quota's command line, as Cyrus's.
type Options struct {
	ConfigPath string // -C
	Domain     string // -d: only users of this domain
	Fix        bool   // -f: recompute usage first
	Quiet      bool   // -q: with -f, print only what was fixed
	Users      bool   // -u: arguments are users, not root prefixes
	JSON       bool   // -J: the report as JSON
	Args       []string
}

// NewFlagSet returns quota's flags; quota(8) documents each.
func NewFlagSet() (*flag.FlagSet, *Options) {
	o := &Options{}
	fs := flag.NewFlagSet("quota", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // main prints errors and usage once
	fs.StringVar(&o.ConfigPath, "C", adminenv.DefaultConfig, "read `imapd.conf` from this file")
	fs.StringVar(&o.Domain, "d", "", "only the quota roots of this `domain`")
	fs.BoolVar(&o.Fix, "f", false, "recompute usage from the messages and fix it first")
	fs.BoolVar(&o.Quiet, "q", false, "with -f, print only what was fixed")
	fs.BoolVar(&o.Users, "u", false, "arguments are user names")
	fs.BoolVar(&o.JSON, "J", false, "print the report as JSON")
	return fs, o
}

// Parse parses args into o.
func (o *Options) Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	o.Args = fs.Args()
	return nil
}

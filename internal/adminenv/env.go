// Package adminenv is what Corvus's admin tools (reconstruct, quota,
// ipurge) share, as Cyrus's tools share cyrus_init: reading imapd.conf,
// becoming the cyrus user, opening the store on partition-default, naming
// mailboxes the way cyradm names them, and telling idled what changed.
package adminenv

import (
	"errors"
	"fmt"
	"io"

	"github.com/hashicorp/hcl/v2"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/idle"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// Exit statuses, from sysexits(3) as Cyrus's tools use them.
const (
	ExitOK      = 0
	ExitFailure = 1  // some of the work failed; the rest was done
	ExitUsage   = 64 // EX_USAGE: bad flags or arguments
	ExitConfig  = 78 // EX_CONFIG: imapd.conf unreadable or incomplete
)

// DefaultConfig is the imapd.conf read without -C, as Cyrus.
const DefaultConfig = "/etc/imapd.conf"

// Env is one admin tool's view of the server.
type Env struct {
	Config    *imapdconf.Config
	Store     store.Store
	Partition string // partition-default's directory
	Names     Names
	notifier  *idle.Notifier
}

// Open reads imapd.conf at path viewed for program (program_key lines
// override key, as Cyrus's cyrus_init sets the service name to the
// tool's), becomes the cyrus user if started as root, and opens the store.
// Warnings about the file go to warn; errors make Open fail.
func Open(path, program string, warn io.Writer) (*Env, error) {
	var srcs diagnostics.Sources
	cfg, diags := imapdconf.ParseFile(path, &srcs)
	if diags.HasErrors() {
		diagnostics.Write(warn, diags, &srcs, 0)
		return nil, fmt.Errorf("%s: configuration errors", path)
	}
	for _, d := range diags {
		if d.Severity == hcl.DiagWarning {
			fmt.Fprintf(warn, "%s: warning: %s\n", program, diagnostics.Short(d))
		}
	}
	cfg = cfg.ForService(program)
	part, ok := cfg.Partition("default")
	if !ok {
		return nil, errors.New("partition-default is not set")
	}
	if err := BecomeCyrus(cfg); err != nil {
		return nil, err
	}
	st, err := sqlite.Open(sqlite.Options{Partition: part, ConfigDir: cfg.String("configdirectory")})
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return &Env{Config: cfg, Store: st, Partition: part, Names: NamesFrom(cfg)}, nil
}

// Close closes the store and the idled socket.
func (e *Env) Close() error {
	var err error
	if e.notifier != nil {
		err = e.notifier.Close()
	}
	return errors.Join(err, e.Store.Close())
}

package sessadmin

import (
	"fmt"
	"io"

	"github.com/hashicorp/hcl/v2"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/adminenv"
)

// Exit statuses, from sysexits(3) as Cyrus's tools use them.
const (
	exitOK      = adminenv.ExitOK
	exitFailure = adminenv.ExitFailure
	exitUsage   = adminenv.ExitUsage
	exitConfig  = adminenv.ExitConfig
)

// loaded is imapd.conf as a tool read it.
type loaded struct {
	cfg   *imapdconf.Config
	srcs  *diagnostics.Sources
	diags hcl.Diagnostics
	dir   string // configdirectory
}

// load reads imapd.conf at path for program and, when started as root,
// becomes the cyrus user, as Cyrus's tools do: the files they create
// (the deny list, telemetry directories, kick requests) must belong to
// the user the servers run as. Warnings are not shown: as Cyrus's tools,
// these leave checking the file to the servers (and master -t).
func load(path, program string, stderr io.Writer) (*loaded, error) {
	srcs := &diagnostics.Sources{}
	cfg, diags := imapdconf.ParseFile(path, srcs)
	if diags.HasErrors() {
		diagnostics.Write(stderr, diags, srcs, 0)
		return nil, fmt.Errorf("%s: configuration errors", path)
	}
	dir := cfg.String("configdirectory")
	if dir == "" {
		// As Cyrus: configdirectory is the one option without a default.
		return nil, fmt.Errorf("%s: configdirectory not set", path)
	}
	if err := adminenv.BecomeCyrus(cfg); err != nil {
		return nil, err
	}
	return &loaded{cfg: cfg, srcs: srcs, diags: diags, dir: dir}, nil
}

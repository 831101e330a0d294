package service

import (
	"errors"
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/conf/imapdconf"
)

// loadConfig reads the imapd.conf at path and returns it viewed for service
// (SERVICE_key overrides applied), with the warnings to log once logging is
// up. As Cyrus, any error in the file keeps the worker from starting.
func loadConfig(path, service string) (*imapdconf.Config, hcl.Diagnostics, error) {
	cfg, diags := imapdconf.ParseFile(path, &diagnostics.Sources{})
	var errs []error
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs = append(errs, errors.New(diagnostics.Short(d)))
		}
	}
	if len(errs) > 0 {
		return nil, nil, fmt.Errorf("read config: %w", errors.Join(errs...))
	}
	return cfg.ForService(service), diags, nil
}

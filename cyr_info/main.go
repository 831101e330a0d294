// Command cyr_info shows what Corvus is doing and how it is configured,
// as Cyrus's cyr_info: the live sessions (proc) and imapd.conf (conf,
// conf-all, conf-default, conf-lint). See cyr_info(8); the work is
// internal/sessadmin's.
package main

import (
	"os"

	"github.com/corvusmail/corvus/internal/sessadmin"
)

func main() { os.Exit(sessadmin.Info(os.Args[1:], os.Stdout, os.Stderr)) }

// Command cyr_telemetry turns a user's protocol telemetry on or off, or
// lists who has it: Corvus's own tool over Cyrus's log/<user>/
// directories. See cyr_telemetry(8); the work is internal/sessadmin's.
package main

import (
	"os"

	"github.com/corvusmail/corvus/internal/sessadmin"
)

func main() { os.Exit(sessadmin.Telemetry(os.Args[1:], os.Stdout, os.Stderr)) }

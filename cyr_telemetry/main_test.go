package main

import (
	"testing"

	"github.com/corvusmail/corvus/internal/sessadmin"
	"github.com/corvusmail/corvus/man"
)

// Every flag cyr_telemetry parses is documented in cyr_telemetry(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := sessadmin.TelemetryFlags()
	man.CheckFlags(t, "../man/cyr_telemetry.8", fs, 2)
}

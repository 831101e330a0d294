// Package version holds the Corvus release string every program prints
// for -V. The Makefile overrides Version at link time from git describe.
package version

// Version is the release; "dev" for an untagged build.
var Version = "dev"

// String is what `PROG -V` prints: the program, Corvus, and the release.
func String(prog string) string { return prog + " (Corvus " + Version + ")" }

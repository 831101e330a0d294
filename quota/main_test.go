package main

import (
	"testing"

	"github.com/corvusmail/corvus/internal/quotatool"
	"github.com/corvusmail/corvus/man"
)

// Every flag quota parses is documented in quota(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := quotatool.NewFlagSet()
	man.CheckFlags(t, "../man/quota.8", fs, 6) // -C -d -f -q -u -J
}

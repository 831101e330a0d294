package main

import (
	"testing"

	"github.com/corvusmail/corvus/internal/sessadmin"
	"github.com/corvusmail/corvus/man"
)

// Every flag cyr_deny parses is documented in cyr_deny(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := sessadmin.DenyFlags()
	man.CheckFlags(t, "../man/cyr_deny.8", fs, 5)
}

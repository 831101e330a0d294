package main

import (
	"testing"

	"github.com/corvusmail/corvus/internal/sessadmin"
	"github.com/corvusmail/corvus/man"
)

// Every flag cyr_kick parses is documented in cyr_kick(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := sessadmin.KickFlags()
	man.CheckFlags(t, "../man/cyr_kick.8", fs, 2)
}

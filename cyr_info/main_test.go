package main

import (
	"testing"

	"github.com/corvusmail/corvus/internal/sessadmin"
	"github.com/corvusmail/corvus/man"
)

// Every flag cyr_info parses is documented in cyr_info(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := sessadmin.InfoFlags()
	man.CheckFlags(t, "../man/cyr_info.8", fs, 2)
}

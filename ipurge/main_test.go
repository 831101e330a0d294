package main

import (
	"testing"

	"github.com/corvusmail/corvus/internal/ipurge"
	"github.com/corvusmail/corvus/man"
)

// Every flag ipurge parses is documented in ipurge(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := ipurge.NewFlagSet()
	man.CheckFlags(t, "../man/ipurge.8", fs, 14) // -C -f -d -b -k -m -x -X -i -s -o -n -v -M
}

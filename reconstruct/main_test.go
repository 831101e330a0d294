package main

import (
	"testing"

	"github.com/corvusmail/corvus/internal/reconstruct"
	"github.com/corvusmail/corvus/man"
)

// Every flag reconstruct parses is documented in reconstruct(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := reconstruct.NewFlagSet()
	man.CheckFlags(t, "../man/reconstruct.8", fs, 18) // -C -p -x -r -f -U -s -q -G -R -o -O -M -V -u -n -P -grace
}

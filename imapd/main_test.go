package main

import (
	"testing"

	"github.com/corvusmail/corvus/man"
)

// Every flag imapd parses is documented in imapd(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := newFlagSet()
	man.CheckFlags(t, "../man/imapd.8", fs, 10) // -C -U -T -D -X -s -N -p -q -R
}

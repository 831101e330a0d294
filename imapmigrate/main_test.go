package main

import (
	"testing"

	"github.com/corvusmail/corvus/internal/migrate"
	"github.com/corvusmail/corvus/man"
)

// Every flag imapmigrate parses is documented in imapmigrate(8).
func TestEveryFlagInManPage(t *testing.T) {
	fs, _ := migrate.NewFlagSet()
	man.CheckFlags(t, "../man/imapmigrate.8", fs, 13) // -C -h -s -S -k -a -w -A -u -n -f -q -b
}

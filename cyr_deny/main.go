// Command cyr_deny denies users access to services, or lists or lifts
// the denials, as Cyrus's cyr_deny, in the same user_deny.db. See
// cyr_deny(8); the work is internal/sessadmin's.
package main

import (
	"os"

	"github.com/corvusmail/corvus/internal/sessadmin"
)

func main() { os.Exit(sessadmin.Deny(os.Args[1:], os.Stdout, os.Stderr)) }

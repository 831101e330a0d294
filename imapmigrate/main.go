// Command imapmigrate copies users from a running Cyrus (or Dovecot)
// server into the Corvus store over IMAP, keeping UIDVALIDITY, UIDs,
// flags, internal dates, ACLs, quotas and subscriptions, so that clients
// do not resynchronise. It works on a live system and can run again to
// copy what changed. See imapmigrate(8); the work is internal/migrate's,
// this file only wires the command line to it.
package main

import (
	"context"
	"os"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/migrate"
)

const usage = `usage: imapmigrate [-C imapd.conf] [-h host:port] [-s | -S] [-k] [-n] [-q] [-b messages]
                   [-f statefile] -a admin [-w passfile] (-A | user...)
       imapmigrate [options] -u userfile`

func main() {
	fs, o := migrate.NewFlagSet()
	os.Exit(adminenv.Main(adminenv.Tool{
		Name: "imapmigrate", Usage: usage, Flags: fs, Parse: o.Parse,
		ConfigPath: func() string { return o.ConfigPath },
		Run: func(ctx context.Context, env *adminenv.Env) int {
			return migrate.Run(ctx, env, o, os.Stdout, os.Stderr)
		},
	}))
}

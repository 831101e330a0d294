// Command ipurge deletes messages from users' mailboxes by age or size,
// with the flags of Cyrus's ipurge, and tells idled of the mailboxes it
// changed as imapd does. See ipurge(8); the work is internal/ipurge's,
// this file only wires the command line to it.
package main

import (
	"context"
	"os"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/ipurge"
)

const usage = `usage: ipurge [-f] [-C imapd.conf] [-x] [-M] [-X] [-i] [-s] [-o] [-n] [-v]
              (-d days | -b bytes | -k kbytes | -m mbytes) [mailbox-pattern]...`

func main() {
	fs, o := ipurge.NewFlagSet()
	os.Exit(adminenv.Main(adminenv.Tool{
		Name: "ipurge", Usage: usage, Flags: fs, Parse: o.Parse,
		ConfigPath: func() string { return o.ConfigPath },
		Run: func(ctx context.Context, env *adminenv.Env) int {
			return ipurge.Run(ctx, env, o, os.Stdout, os.Stderr)
		},
	}))
}

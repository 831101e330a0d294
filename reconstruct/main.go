// Command reconstruct rebuilds the metadata of users' mailboxes from their
// message files, as Cyrus's reconstruct does, and reports what it fixed.
// It works on a live system. See reconstruct(8); the work is
// internal/reconstruct's, this file only wires the command line to it.
package main

import (
	"context"
	"os"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/reconstruct"
)

const usage = `usage: reconstruct [-C imapd.conf] [-p partition] [-x] [-r] [-f] [-U] [-s] [-q] [-G] [-R]
                   [-o | -O] [-M] [-n] [-grace duration] [-u] [mailbox | user]...`

func main() {
	fs, o := reconstruct.NewFlagSet()
	os.Exit(adminenv.Main(adminenv.Tool{
		Name: "reconstruct", Usage: usage, Flags: fs, Parse: o.Parse,
		ConfigPath: func() string { return o.ConfigPath },
		Run: func(ctx context.Context, env *adminenv.Env) int {
			return reconstruct.Run(ctx, env, o, os.Stdout, os.Stderr)
		},
	}))
}

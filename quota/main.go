// Command quota reports the quota roots of users' accounts with their
// limits and usage, in the layout of Cyrus's quota, and with -f first
// recomputes usage from the messages and fixes it. See quota(8); the work
// is internal/quotatool's, this file only wires the command line to it.
package main

import (
	"context"
	"os"

	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/quotatool"
)

const usage = "usage: quota [-C imapd.conf] [-d domain] [-f] [-q] [-J] [-u] [mailbox-prefix | user]..."

func main() {
	fs, o := quotatool.NewFlagSet()
	os.Exit(adminenv.Main(adminenv.Tool{
		Name: "quota", Usage: usage, Flags: fs, Parse: o.Parse,
		ConfigPath: func() string { return o.ConfigPath },
		Run: func(ctx context.Context, env *adminenv.Env) int {
			return quotatool.Run(ctx, env, o, os.Stdout, os.Stderr)
		},
	}))
}

// Command cyr_kick ends IMAP sessions now, live or hibernated, by user or
// by process: Corvus's own tool. See cyr_kick(8); the work is
// internal/sessadmin's.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/corvusmail/corvus/internal/sessadmin"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := sessadmin.Kick(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/corvusmail/corvus/bench/procstat"
	"github.com/corvusmail/corvus/internal/store"
)

// BenchmarkIdleAccountMemory is what an account left open for reuse
// costs its process: accounts are created, sent a few messages, read as
// a session reads them (View, Search), and closed; with every one idle
// in the cache the process's PSS growth per account is reported as
// kB/account. lmtpd, idled and every imapd keep up to MaxIdleAccounts
// such accounts, which is most of what hibernated IDLE sessions cost the
// server (bench/RESULTS.md, "IDLE hibernation"). Run with -benchtime=1x.
func BenchmarkIdleAccountMemory(b *testing.B) {
	const accounts = 32
	s := newTestStore(b)
	s.opts.MaxIdleAccounts = accounts
	ctx := context.Background()
	round := 0
	for b.Loop() {
		round++
		before := settledPSS(b)
		for i := range accounts {
			idleAccount(b, ctx, s, fmt.Sprintf("mem%d.%d", round, i))
		}
		after := settledPSS(b)
		b.ReportMetric(float64(after-before)/accounts, "kB/account")
	}
}

// idleAccount creates a user, delivers to its INBOX, reads it the way a
// session does and closes it again.
func idleAccount(b *testing.B, ctx context.Context, s *Store, user string) {
	a, err := s.Create(ctx, user)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	mb, err := a.Mailbox(ctx, store.Inbox)
	if err != nil {
		b.Fatal(err)
	}
	for j := range 20 {
		msg := benchMessage(j)
		if _, err := mb.Append(ctx, bytes.NewReader(msg), store.NewMessage{Summary: store.Summary{Subject: "m"}}, store.AppendOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := mb.View(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := a.HighestModSeq(ctx); err != nil {
		b.Fatal(err)
	}
}

// settledPSS is the process's PSS in kB once garbage is collected and
// returned to the kernel.
func settledPSS(b *testing.B) int64 {
	runtime.GC()
	debug.FreeOSMemory()
	m, err := procstat.ReadMemory(os.Getpid())
	if err != nil {
		b.Skip(err)
	}
	return int64(m.PSS)
}

// BenchmarkReopenAccount is what an account not kept open costs each
// use: opening its database, checking it and preparing the statements
// of a View (the store keeps no idle account here).
func BenchmarkReopenAccount(b *testing.B) {
	s := newTestStore(b)
	s.opts.MaxIdleAccounts = 0 // after Open: trimIdle closes every idle account
	ctx := context.Background()
	idleAccount(b, ctx, s, "reopen")
	for b.Loop() {
		a, err := s.Open(ctx, "reopen")
		if err != nil {
			b.Fatal(err)
		}
		mb, err := a.Mailbox(ctx, store.Inbox)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := mb.View(ctx); err != nil {
			b.Fatal(err)
		}
		a.Close()
	}
}

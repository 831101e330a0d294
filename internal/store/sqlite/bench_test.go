package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// benchMailbox creates a user with an INBOX for a benchmark.
func benchMailbox(b *testing.B) (*Store, store.Mailbox) {
	b.Helper()
	s := newTestStore(b)
	a, err := s.Create(context.Background(), "bench")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	mb, err := a.Mailbox(context.Background(), store.Inbox)
	if err != nil {
		b.Fatal(err)
	}
	return s, mb
}

// benchMessage is a typical 4 KB message.
func benchMessage(i int) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "From: a@example.org\r\nTo: b@example.org\r\nSubject: bench %d\r\n\r\n", i)
	for buf.Len() < 4096 {
		buf.WriteString("The quick brown fox jumps over the lazy dog, again and again.\r\n")
	}
	return buf.Bytes()
}

// BenchmarkAppend is one durable APPEND: file write + fsync, directory
// fsync, one transaction with a WAL fsync.
func BenchmarkAppend(b *testing.B) {
	_, mb := benchMailbox(b)
	ctx := context.Background()
	msg := benchMessage(0)
	sum := store.Summary{Subject: "bench"}
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := mb.Append(ctx, bytes.NewReader(msg), store.NewMessage{Summary: sum}, store.AppendOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendParallel is APPENDs from 8 concurrent sessions per CPU
// into one user's INBOX: transactions serialise, file writes and fsyncs
// overlap.
func BenchmarkAppendParallel(b *testing.B) {
	_, mb := benchMailbox(b)
	ctx := context.Background()
	msg := benchMessage(0)
	b.SetBytes(int64(len(msg)))
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := mb.Append(ctx, bytes.NewReader(msg), store.NewMessage{}, store.AppendOptions{}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkDeliver is one LMTP delivery to four users (one file, three
// hard links, four transactions).
func BenchmarkDeliver(b *testing.B) {
	s := newTestStore(b)
	ctx := context.Background()
	var rcpts []store.Recipient
	for i := range 4 {
		u := fmt.Sprintf("user%d", i)
		a, err := s.Create(ctx, u)
		if err != nil {
			b.Fatal(err)
		}
		a.Close()
		rcpts = append(rcpts, store.Recipient{User: u})
	}
	msg := benchMessage(0)
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		out, err := s.Deliver(ctx, bytes.NewReader(msg), store.NewMessage{}, rcpts)
		if err != nil || out[0].Err != nil {
			b.Fatal(err, out)
		}
	}
}

// fill appends n messages in batches (AppendMany) for the read benchmarks.
func fill(b *testing.B, mb store.Mailbox, n int) {
	b.Helper()
	ctx := context.Background()
	for i := 0; i < n; i += 100 {
		var items []store.AppendItem
		for j := i; j < min(i+100, n); j++ {
			var flags []imap.Flag
			if j%3 == 0 {
				flags = []imap.Flag{imap.FlagSeen, "$Label"}
			}
			items = append(items, store.AppendItem{Body: bytes.NewReader(benchMessage(j)),
				Message: store.NewMessage{Flags: flags, Structure: benchStructure,
					Summary: store.Summary{Subject: fmt.Sprint(j)}}})
		}
		if _, err := mb.AppendMany(ctx, items, store.AppendOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFetchFlags1000 is FETCH 1:* (FLAGS) on a 1000-message mailbox:
// one query.
func BenchmarkFetchFlags1000(b *testing.B) {
	_, mb := benchMailbox(b)
	fill(b, mb, 1000)
	ctx := context.Background()
	all := imap.UIDSet{{Start: 1, Stop: 0}}
	b.ReportAllocs()
	for b.Loop() {
		msgs, err := mb.Fetch(ctx, all, store.FetchOptions{})
		if err != nil || len(msgs) != 1000 {
			b.Fatal(err, len(msgs))
		}
	}
}

// benchStructure stands for a parsed structure blob of a typical message
// (opaque to the store).
var benchStructure = bytes.Repeat([]byte("structure "), 60)

// BenchmarkFetchStructure1000 is FETCH 1:* (FLAGS ENVELOPE) on a
// 1000-message mailbox: metadata and structure blob of every message.
func BenchmarkFetchStructure1000(b *testing.B) {
	_, mb := benchMailbox(b)
	fill(b, mb, 1000)
	ctx := context.Background()
	all := imap.UIDSet{{Start: 1, Stop: 0}}
	b.ReportAllocs()
	for b.Loop() {
		msgs, err := mb.Fetch(ctx, all, store.FetchOptions{Structure: true})
		if err != nil || len(msgs) != 1000 || len(msgs[999].Structure) != len(benchStructure) {
			b.Fatal(err, len(msgs))
		}
	}
}

// BenchmarkView1000 is SELECT on a 1000-message mailbox.
func BenchmarkView1000(b *testing.B) {
	_, mb := benchMailbox(b)
	fill(b, mb, 1000)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		v, err := mb.View(ctx)
		if err != nil || len(v.Messages) != 1000 {
			b.Fatal(err)
		}
	}
}

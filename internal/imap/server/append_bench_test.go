package server

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
)

// countingIdled is an Idled that counts notifications, so that the
// benchmark runs the notify path a real imapd runs.
type countingIdled struct{ n atomic.Int64 }

func (c *countingIdled) Watch(string, string) (<-chan struct{}, func()) { return nil, func() {} }

func (c *countingIdled) Notify(context.Context, string, string, uint64) error {
	c.n.Add(1)
	return nil
}

// appendBenchMessage is bench/peers's APPEND message: about 5 KB of
// text with a full header.
func appendBenchMessage(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Message-ID: <append.%d@bench>\r\nDate: Thu, 1 Jan 2026 00:00:00 +0000\r\n", i)
	fmt.Fprintf(&b, "From: Sender %d <sender%d@example.org>\r\nTo: Bench Users <users@peers.example>\r\n", i%37, i%37)
	fmt.Fprintf(&b, "Subject: message %d about things\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n", i)
	for b.Len() < 5120 {
		b.WriteString("the quick brown fox jumps over the lazy dog and on and on again\r\n")
	}
	return b.String()
}

// BenchmarkAppend is one session APPENDing 5 KB messages one after
// another with a synchronizing literal, as bench/peers's APPEND case
// does, against an in-process server with idled notifications on. It
// reports CPU time per APPEND (server and client), which holds still
// when other processes share the CPUs; -cpuprofile shows where it goes.
func BenchmarkAppend(b *testing.B) {
	idled := &countingIdled{}
	e := newEnv(b, func(o *Options) { o.Idled = idled })
	c := e.dial()
	c.login("alice")
	msgs := make([]string, 64)
	for i := range msgs {
		msgs[i] = appendBenchMessage(i)
	}
	b.ReportAllocs()
	start := cpuTime(b)
	n := 0
	for b.Loop() {
		appendMsg(c, "INBOX", msgs[n%len(msgs)])
		n++
	}
	b.ReportMetric(float64((cpuTime(b)-start).Microseconds())/1000/float64(n), "cpu-ms/op")
	if idled.n.Load() < int64(n) {
		b.Fatalf("%d notifications for %d APPENDs", idled.n.Load(), n)
	}
}

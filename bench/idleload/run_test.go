package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestRoundRobin(t *testing.T) {
	if got, want := roundRobin(7, 3), []int{0, 1, 2, 0, 1, 2, 0}; !slices.Equal(got, want) {
		t.Errorf("roundRobin(7, 3) = %v, want %v", got, want)
	}
	if got := roundRobin(0, 3); len(got) != 0 {
		t.Errorf("roundRobin(0, 3) = %v", got)
	}
}

func TestAwaitExists(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name   string
		events []existsEvent
		close  bool
		want   uint32
		ok     bool
	}{
		{"match", []existsEvent{{5, now}}, false, 5, true},
		{"stale skipped", []existsEvent{{3, now}, {4, now}, {5, now}}, false, 5, true},
		{"later count answers", []existsEvent{{7, now}}, false, 7, true},
		{"only stale", []existsEvent{{4, now}}, false, 0, false},
		{"read after the deadline", []existsEvent{{5, now.Add(time.Hour)}}, false, 0, false},
		{"closed", nil, true, 0, false},
		{"nothing", nil, false, 0, false},
	}
	for _, tt := range tests {
		ch := make(chan existsEvent, len(tt.events))
		for _, e := range tt.events {
			ch <- e
		}
		if tt.close {
			close(ch)
		}
		e, ok := awaitExists(ch, 5, now.Add(20*time.Millisecond))
		if e.n != tt.want || ok != tt.ok {
			t.Errorf("%s: awaitExists = %d, %v; want %d, %v", tt.name, e.n, ok, tt.want, tt.ok)
		}
	}
}

// newTestFleet opens sessions against a fake IMAP server (count messages
// per INBOX) and a fake LMTP server calling onData.
func newTestFleet(t *testing.T, sessions, users int, count uint32, onData func(*fakeIMAP, string)) *fleet {
	t.Helper()
	imap := startFakeIMAP(t, count)
	lmtp := startFakeLMTP(t, func(u string) { onData(imap, u) })
	ss, err := connectIdlers(context.Background(), imap.l.Addr().String(), sessions, users)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeIdlers(ss) })
	d, err := dialLMTP(lmtp)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.close)
	f, err := newFleet(d, users, ss)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFleetRun(t *testing.T) {
	tests := []struct {
		name                 string
		onData               func(*fakeIMAP, string)
		waits, missed, early int
	}{
		{"woken after the 250", func(f *fakeIMAP, u string) {
			go func() { time.Sleep(5 * time.Millisecond); f.push(u, 4) }()
		}, 6, 0, 0},
		{"woken before the 250", func(f *fakeIMAP, u string) {
			f.push(u, 4)
			time.Sleep(20 * time.Millisecond)
		}, 6, 0, 6},
		{"never woken", func(*fakeIMAP, string) {}, 0, 6, 0},
		{"stale count only", func(f *fakeIMAP, u string) { f.push(u, 3) }, 0, 6, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newTestFleet(t, 6, 3, 3, tt.onData)
			r, err := f.run(context.Background(), roundRobin(3, 3), 100*time.Millisecond, 0)
			if err != nil {
				t.Fatal(err)
			}
			if r.deliveries != 3 || len(r.waits) != tt.waits || r.missed != tt.missed || r.early != tt.early {
				t.Errorf("run = %d deliveries, %d waits, %d missed, %d early; want 3, %d, %d, %d", r.deliveries, len(r.waits), r.missed, r.early, tt.waits, tt.missed, tt.early)
			}
			if len(r.firsts) != min(3, tt.waits) {
				t.Errorf("%d first wake-ups, want %d", len(r.firsts), min(3, tt.waits))
			}
			for _, w := range r.waits {
				if w < 0 || w > 100*time.Millisecond {
					t.Errorf("wait %v outside [0, 100ms]", w)
				}
			}
			if tt.early == 0 && tt.waits > 0 && slices.Min(r.waits) < 4*time.Millisecond {
				t.Errorf("wait %v shorter than the server's 5 ms delay", slices.Min(r.waits))
			}
		})
	}
}

func TestNewFleetDisagrees(t *testing.T) {
	a, b := &idler{user: 0, selected: 3}, &idler{user: 0, selected: 4}
	if _, err := newFleet(nil, 1, []*idler{a, b}); err == nil || !strings.Contains(err.Error(), "SELECT found 3 and 4") {
		t.Errorf("newFleet = %v, want a disagreement", err)
	}
	f, err := newFleet(nil, 2, []*idler{a, {user: 1, selected: 9}})
	if err != nil || len(f.byUser[0]) != 1 || f.count[1] != 9 {
		t.Errorf("newFleet = %+v, %v", f, err)
	}
}

func TestDialIdlerRefused(t *testing.T) {
	f := startFakeIMAP(t, 0)
	addr := f.l.Addr().String()
	if _, err := dialIdler(addr, 0, "nobody", "p"); err == nil || !strings.Contains(err.Error(), "LOGIN") {
		t.Errorf("dialIdler with a refused LOGIN = %v", err)
	}
	s, err := dialIdler(addr, 0, "somebody", "p")
	if err != nil {
		t.Fatal(err)
	}
	s.close()
	if _, ok := <-s.events; ok {
		t.Error("events still open after close")
	}
	f.l.Close()
	if _, err := dialIdler(addr, 0, "somebody", "p"); err == nil {
		t.Error("dialIdler to a closed listener succeeded")
	}
}

package main

import (
	"testing"
	"time"
)

func TestAwaitExists(t *testing.T) {
	t0 := time.Now()
	tests := []struct {
		name   string
		events []event
		closed bool
		want   uint32
		ok     bool
		n      uint32
	}{
		{"exact", []event{{serverLine{kind: lineExists, n: 3}, t0}}, false, 3, true, 3},
		{"stale first", []event{{serverLine{kind: lineExists, n: 2}, t0}, {serverLine{kind: lineExists, n: 3}, t0}}, false, 3, true, 3},
		{"larger answers", []event{{serverLine{kind: lineExists, n: 5}, t0}}, false, 3, true, 5},
		{"tagged skipped", []event{{serverLine{kind: lineTagged, tag: "x", status: "OK"}, t0}, {serverLine{kind: lineExists, n: 4}, t0}}, false, 4, true, 4},
		{"bye ends", []event{{serverLine{kind: lineBye}, t0}, {serverLine{kind: lineExists, n: 4}, t0}}, false, 4, false, 0},
		{"closed", nil, true, 1, false, 0},
		{"nothing", nil, false, 1, false, 0},
		{"too late", []event{{serverLine{kind: lineExists, n: 1}, t0.Add(time.Hour)}}, false, 1, false, 1},
	}
	for _, tt := range tests {
		ch := make(chan event, len(tt.events))
		for _, e := range tt.events {
			ch <- e
		}
		if tt.closed {
			close(ch)
		}
		e, ok := awaitExists(ch, tt.want, time.Now().Add(20*time.Millisecond))
		if ok != tt.ok || (tt.n != 0 && e.n != tt.n) {
			t.Errorf("%s: got %+v, %v; want n=%d, %v", tt.name, e, ok, tt.n, tt.ok)
		}
	}
}

func TestAwaitTagged(t *testing.T) {
	ch := make(chan event, 3)
	ch <- event{serverLine{kind: lineExists, n: 1}, time.Now()}
	ch <- event{serverLine{kind: lineTagged, tag: "n", status: "OK"}, time.Now()}
	ch <- event{serverLine{kind: lineTagged, tag: "i", status: "OK"}, time.Now()}
	e, ok := awaitTagged(ch, "i", time.Now().Add(time.Second))
	if !ok || e.tag != "i" || e.status != "OK" {
		t.Fatalf("got %+v, %v", e, ok)
	}
	if _, ok := awaitTagged(ch, "i", time.Now().Add(10*time.Millisecond)); ok {
		t.Fatal("a second reply was found in an empty channel")
	}
}

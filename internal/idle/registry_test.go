package idle

import (
	"slices"
	"testing"
	"time"
)

func TestRegistry(t *testing.T) {
	t0 := time.Unix(1000, 0)
	a1, a2, b1 := watchKey{"alice", "F1"}, watchKey{"alice", "F2"}, watchKey{"bob", "F1"}
	r := newRegistry(3)
	steps := []struct {
		name      string
		do        func() bool
		want      bool
		wantCount int
	}{
		{"watch a1 by p", func() bool { return r.watch(a1, "p", t0) }, true, 1},
		{"watch a1 by q", func() bool { return r.watch(a1, "q", t0) }, true, 2},
		{"watch a2 by p", func() bool { return r.watch(a2, "p", t0) }, true, 3},
		{"full: b1 refused", func() bool { return r.watch(b1, "p", t0) }, false, 3},
		{"full: refresh taken", func() bool { return r.watch(a1, "q", t0.Add(time.Minute)) }, true, 3},
		{"unwatch a2 by q: not there", func() bool { r.unwatch(a2, "q"); return true }, true, 3},
		{"unwatch a2 by p", func() bool { r.unwatch(a2, "p"); return true }, true, 2},
		{"room again: b1", func() bool { return r.watch(b1, "p", t0) }, true, 3},
	}
	for _, s := range steps {
		if got := s.do(); got != s.want {
			t.Fatalf("%s: got %v, want %v", s.name, got, s.want)
		}
		if got := r.count(); got != s.wantCount {
			t.Fatalf("%s: count %d, want %d", s.name, got, s.wantCount)
		}
	}
	peers := r.peers(a1)
	slices.Sort(peers)
	if !slices.Equal(peers, []string{"p", "q"}) {
		t.Errorf("peers(a1) = %v", peers)
	}
	if got := r.peers(a2); len(got) != 0 {
		t.Errorf("peers(a2) = %v, want none", got)
	}
	// Expire: p's watches date from t0, q refreshed a minute later.
	if n := r.expire(t0.Add(time.Second)); n != 2 {
		t.Errorf("expire dropped %d, want p's 2", n)
	}
	if got := r.peers(a1); !slices.Equal(got, []string{"q"}) {
		t.Errorf("after expire peers(a1) = %v", got)
	}
	if n := r.dropPeer("q"); n != 1 || r.count() != 0 {
		t.Errorf("dropPeer(q) = %d, count %d; want 1, 0", n, r.count())
	}
	if len(r.byKey) != 0 || len(r.byPeer) != 0 {
		t.Errorf("empty registry keeps maps: %v %v", r.byKey, r.byPeer)
	}
}

func TestLimiter(t *testing.T) {
	l := limiter{every: 10 * time.Second}
	t0 := time.Unix(1000, 0)
	steps := []struct {
		at       time.Duration
		ok       bool
		withheld int
	}{
		{0, true, 0},
		{time.Second, false, 0},
		{9 * time.Second, false, 0},
		{10 * time.Second, true, 2},
		{11 * time.Second, false, 0},
		{25 * time.Second, true, 1},
	}
	for _, s := range steps {
		ok, held := l.allow(t0.Add(s.at))
		if ok != s.ok || held != s.withheld {
			t.Errorf("at %v: allow = %v, %d; want %v, %d", s.at, ok, held, s.ok, s.withheld)
		}
	}
}

func TestIsWatcherName(t *testing.T) {
	tests := map[string]bool{
		"idle.1": true, "idle.4242": true, "idle.2147483647": true,
		"idle": false, "idle.": false, "idle.12a": false, "idle.-1": false,
		"lmtp": false, "idle.12345678901": false, "xidle.1": false,
	}
	for name, want := range tests {
		if got := isWatcherName(name); got != want {
			t.Errorf("isWatcherName(%q) = %v, want %v", name, got, want)
		}
	}
}

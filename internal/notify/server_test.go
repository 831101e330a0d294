package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// logLines parses zerolog's JSON lines.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		lines = append(lines, m)
	}
	return lines
}

// newTestServer returns a Server whose log method and own failures log to
// buf, with default method def.
func newTestServer(t *testing.T, def string, buf *bytes.Buffer) *Server {
	t.Helper()
	log := zerolog.New(zerolog.SyncWriter(buf)).Level(zerolog.InfoLevel)
	d, err := NewDispatcher(def, Methods(Options{Log: log}))
	if err != nil {
		t.Fatal(err)
	}
	return &Server{Dispatcher: d, Log: log}
}

// A burst of datagrams, good and bad, is handled in one call, and each
// failure is logged once.
func TestServePackets(t *testing.T) {
	pc, path := listenUnixgram(t)
	c, err := net.Dial("unixgram", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	send := func(b []byte) {
		if _, err := c.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	enc := func(n Notification) []byte {
		b, err := n.Encode()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	send(enc(Notification{Class: "MAIL", User: "alice", Mailbox: "INBOX", Message: "one"})) // default: log
	send([]byte("log\x00broken"))
	send(enc(Notification{Method: "pager", User: "bob", Message: "two"}))
	send(enc(Notification{Method: "mailto", User: "carol", Message: "three"})) // no address
	send(make([]byte, MaxSize+100))
	send(enc(Notification{Method: "null", Message: "four"}))

	var buf bytes.Buffer
	s := newTestServer(t, "log", &buf)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.ServePackets(ctx, pc); err != nil {
		t.Fatalf("ServePackets: %v", err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	// Decoding is logged as datagrams are read, methods as the dispatch
	// goroutines run them: compare without order.
	lines := logLines(t, &buf)
	want := []struct{ level, msg, detail string }{
		{"info", "notification", "one"},
		{"warn", "malformed notify request", "class not NUL-terminated"},
		{"warn", "notification failed", `unknown notification method "pager"`},
		{"error", "notification failed", "mailto: no recipient address"},
		{"warn", "malformed notify request", "too large (over 8192 bytes)"},
	}
	if len(lines) != len(want) {
		t.Fatalf("%d log lines, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for _, w := range want {
		found := false
		for _, l := range lines {
			detail, _ := l["error"].(string)
			if l["text"] != nil {
				detail = l["text"].(string)
			}
			found = found || (l["level"] == w.level && l["message"] == w.msg && strings.Contains(detail, w.detail))
		}
		if !found {
			t.Errorf("no %s %q with %q in:\n%s", w.level, w.msg, w.detail, buf.String())
		}
	}
	if strings.Contains(buf.String(), "three") {
		t.Error("a failed notification's text was logged")
	}
}

// With nothing queued (the worker's wake-up was stale), ServePackets
// returns after its first read wait.
func TestServePacketsNothingQueued(t *testing.T) {
	pc, _ := listenUnixgram(t)
	var buf bytes.Buffer
	start := time.Now()
	if err := newTestServer(t, "null", &buf).ServePackets(context.Background(), pc); err != nil {
		t.Fatalf("ServePackets: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("ServePackets waited %s", d)
	}
}

func TestServePacketsClosed(t *testing.T) {
	pc, _ := listenUnixgram(t)
	pc.Close()
	var buf bytes.Buffer
	if err := newTestServer(t, "null", &buf).ServePackets(context.Background(), pc); err != nil {
		t.Errorf("ServePackets on a closed socket: %v, want nil (shutting down)", err)
	}
}

func TestServeReader(t *testing.T) {
	var buf bytes.Buffer
	s := newTestServer(t, "null", &buf)
	good := "log\x00MAIL\x00\x00alice\x00INBOX\x000\x00hi\x00"
	if err := s.ServeReader(context.Background(), strings.NewReader(good)); err != nil {
		t.Errorf("ServeReader(good): %v", err)
	}
	if !strings.Contains(buf.String(), `"text":"hi"`) {
		t.Errorf("log method did not log: %s", buf.String())
	}
	if err := s.ServeReader(context.Background(), strings.NewReader("log\x00")); err == nil {
		t.Error("ServeReader(malformed) = nil")
	}
}

// A slow method fills the bounded queue: reading goes on, what does not
// fit is dropped, counted and logged once, and Close waits for the queued
// notifications.
func TestQueueOverflow(t *testing.T) {
	release := make(chan struct{})
	var ran atomic.Int32
	slow := MethodFunc(func(ctx context.Context, n Notification) error {
		<-release
		ran.Add(1)
		return nil
	})
	d, err := NewDispatcher("slow", map[string]Method{"slow": slow})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	// Info level: the dispatch goroutine logs nothing while the test reads.
	s := &Server{Dispatcher: d, Log: zerolog.New(&buf).Level(zerolog.InfoLevel), QueueSize: 2, Workers: 1}
	for i := range 6 {
		b, _ := Notification{User: fmt.Sprint("u", i), Message: "m"}.Encode()
		s.handle(b)
	}
	// One running (after the dispatcher took it), two queued, the rest
	// dropped: 2 or 3 dropped depending on whether the first was taken.
	deadline := time.Now().Add(5 * time.Second)
	for s.Dropped() < 3 && len(s.queue) < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	dropped := s.Dropped()
	if dropped < 3 || dropped > 4 {
		t.Errorf("dropped %d of 6 with a queue of 2 and one busy worker", dropped)
	}
	if n := strings.Count(buf.String(), "notifications dropped"); n != 1 {
		t.Errorf("%d drop warnings, want 1 (rate-limited):\n%s", n, buf.String())
	}
	close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if got := int64(ran.Load()); got != 6-dropped {
		t.Errorf("%d notifications carried out, want %d", got, 6-dropped)
	}
	s.handle([]byte("null\x00\x00\x00\x00\x000\x00x\x00")) // after Close: dropped, no panic
}

package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"strings"
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
	log := zerolog.New(buf).Level(zerolog.InfoLevel)
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
	for i, w := range want {
		l := lines[i]
		detail, _ := l["error"].(string)
		if l["text"] != nil {
			detail = l["text"].(string)
		}
		if l["level"] != w.level || l["message"] != w.msg || !strings.Contains(detail, w.detail) {
			t.Errorf("line %d = %v, want %s %q with %q", i, l, w.level, w.msg, w.detail)
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

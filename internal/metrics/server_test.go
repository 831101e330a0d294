package metrics

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestListenAddr(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"9143", "127.0.0.1:9143", true},
		{"+9143", "127.0.0.1:9143", true},
		{"localhost:09143", "localhost:9143", true},
		{" 9143 ", "127.0.0.1:9143", true},
		{"127.0.0.1:9143", "127.0.0.1:9143", true},
		{"[::1]:9143", "[::1]:9143", true},
		{":9143", ":9143", true},
		{"metrics.example:80", "metrics.example:80", true},
		{"", "", false},
		{"0", "", false},
		{"70000", "", false},
		{"localhost", "", false},
		{"127.0.0.1:http", "", false},
		{"127.0.0.1:0", "", false},
		{"::1:9143", "", false},
	}
	for _, tt := range tests {
		got, err := ListenAddr(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ListenAddr(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestServer(t *testing.T) {
	m := New(Options{State: func(context.Context) (State, error) {
		return State{Services: []ServiceState{{Name: "imap", Ready: 1}}}, nil
	}})
	m.Connection("imap")
	s, err := m.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Serve()
	defer s.Close()
	base := "http://" + s.Addr().String()
	client := &http.Client{Timeout: 10 * time.Second}
	tests := []struct {
		method, path string
		code         int
		body         string
	}{
		{"GET", "/metrics", 200, `corvus_service_connections_total{service="imap"} 1`},
		{"GET", "/metrics", 200, "# TYPE corvus_service_workers gauge"},
		{"HEAD", "/metrics", 200, ""},
		{"POST", "/metrics", 405, ""},
		{"GET", "/", 404, ""},
		{"GET", "/metrics/x", 404, ""},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, base+tt.path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tt.method, tt.path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.code || !strings.Contains(string(b), tt.body) {
			t.Errorf("%s %s: %d, want %d with %q; body:\n%.400s", tt.method, tt.path, resp.StatusCode, tt.code, tt.body, b)
		}
	}
	s.Close()
	if _, err := client.Get(base + "/metrics"); err == nil {
		t.Error("server still answers after Close")
	}
}

// TestServerCloseUnstarted: a server bound but never served releases its
// port.
func TestServerCloseUnstarted(t *testing.T) {
	m := New(Options{})
	s, err := m.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := s.Addr().String()
	s.Close()
	s2, err := m.Listen(addr)
	if err != nil {
		t.Fatalf("port not released: %v", err)
	}
	s2.Close()
}

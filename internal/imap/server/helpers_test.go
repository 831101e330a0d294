package server

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// testEnv is an in-process server on 127.0.0.1 with a fresh store.
type testEnv struct {
	t    testing.TB
	dir  string
	srv  *Server
	addr string
	wg   sync.WaitGroup
}

func newEnv(t testing.TB, tweak func(o *Options)) *testEnv {
	t.Helper()
	dir := t.TempDir()
	st, err := sqlite.Open(sqlite.Options{Partition: filepath.Join(dir, "part"), ConfigDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	opts := Options{
		ServerName: "test.example", Version: "1.0", ConfigDir: dir,
		Auth:  newEnvAuth(true),
		Store: st, UnixHierarchySep: true, AltNamespace: true,
		IdlePoll: 50 * time.Millisecond, Log: zerolog.Nop(),
	}
	if tweak != nil {
		tweak(&opts)
	}
	e := &testEnv{t: t, dir: dir, srv: New(opts)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.addr = ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			e.wg.Add(1)
			go func() { defer e.wg.Done(); defer c.Close(); e.srv.ServeConn(ctx, c) }()
		}
	}()
	t.Cleanup(func() { cancel(); ln.Close(); e.wg.Wait() })
	return e
}

// writeMsg puts msg/<name> in place whole (written aside, then renamed):
// a session may check for the file at any moment, and one that found it
// created but not yet written would say BYE with no text.
func (e *testEnv) writeMsg(name, text string) {
	e.t.Helper()
	dir := filepath.Join(e.dir, "msg")
	os.MkdirAll(dir, 0o755)
	tmp := filepath.Join(dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		e.t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		e.t.Fatal(err)
	}
}

// client is a raw line client.
type client struct {
	t  testing.TB
	c  net.Conn
	br *bufio.Reader
	n  int
}

func (e *testEnv) dial() *client {
	e.t.Helper()
	c, err := net.DialTimeout("tcp", e.addr, 5*time.Second)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { c.Close() })
	return &client{t: e.t, c: c, br: bufio.NewReader(c)}
}

// line reads one response line (without CRLF), failing after 5s.
func (c *client) line() string {
	c.t.Helper()
	c.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	l, err := c.br.ReadString('\n')
	if err != nil {
		c.t.Fatalf("read: %v (got %q)", err, l)
	}
	return strings.TrimRight(l, "\r\n")
}

func (c *client) send(s string) {
	c.t.Helper()
	if _, err := fmt.Fprintf(c.c, "%s\r\n", s); err != nil {
		c.t.Fatal(err)
	}
}

// cmd sends a tagged command and returns the untagged lines and the
// tagged status line.
func (c *client) cmd(s string) ([]string, string) {
	c.t.Helper()
	c.n++
	tag := fmt.Sprintf("t%d", c.n)
	c.send(tag + " " + s)
	return c.until(tag)
}

func (c *client) until(tag string) ([]string, string) {
	c.t.Helper()
	var lines []string
	for {
		l := c.line()
		if strings.HasPrefix(l, tag+" ") {
			return lines, strings.TrimPrefix(l, tag+" ")
		}
		lines = append(lines, l)
	}
}

// mustOK runs a command and fails unless it answers OK.
func (c *client) mustOK(s string) []string {
	c.t.Helper()
	lines, st := c.cmd(s)
	if !strings.HasPrefix(st, "OK") {
		c.t.Fatalf("%s: %s (untagged %q)", s, st, lines)
	}
	return lines
}

// login greets and logs in as user.
func (c *client) login(user string) {
	c.t.Helper()
	if g := c.line(); !strings.HasPrefix(g, "* OK") {
		c.t.Fatalf("greeting %q", g)
	}
	c.mustOK("LOGIN " + user + " secret")
}

// closed reports whether the server closed the connection (EOF).
func (c *client) closed() bool {
	c.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := c.br.ReadString('\n')
	return err != nil
}

// newEnvAuth accepts the password "secret" for every user; "admin" is an
// admin.
func newEnvAuth(plaintext bool) *auth.Server {
	cfg := auth.Config{AllowPlaintext: plaintext, Admins: []string{"admin"}}
	checker := auth.CheckerFunc(func(_ context.Context, user, pw, _, _ string) error {
		if pw == "secret" {
			return nil
		}
		return auth.ErrBadCredentials
	})
	return auth.NewServer(auth.ServerOptions{Config: cfg, Checker: checker})
}

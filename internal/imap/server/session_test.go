package server

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestGreeting(t *testing.T) {
	tests := []struct {
		info, want string
	}{
		{"on", "test.example Corvus IMAP 1.0 server ready"},
		{"min", "test.example server ready"},
		{"off", "] server ready"},
	}
	for _, tt := range tests {
		e := newEnv(t, func(o *Options) { o.ServerInfo = tt.info })
		g := e.dial().line()
		if !strings.HasPrefix(g, "* OK [CAPABILITY IMAP4rev1 IMAP4rev2 ") || !strings.HasSuffix(g, tt.want) {
			t.Errorf("serverinfo %s: greeting %q", tt.info, g)
		}
		if strings.Contains(g, "IDLE") {
			t.Errorf("post-login capability before login: %q", g)
		}
	}
}

func TestMotd(t *testing.T) {
	e := newEnv(t, nil)
	e.writeMsg("motd", "[[Maintenance tonight\r\nsecond line\n")
	c := e.dial()
	c.line()
	if l := c.line(); l != "* OK [ALERT] Maintenance tonight" {
		t.Fatalf("motd line %q", l)
	}
}

func TestCapabilityAfterLogin(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	lines := c.mustOK("CAPABILITY")
	if len(lines) != 1 || !strings.Contains(lines[0], " IDLE") || strings.Contains(lines[0], "AUTH=") {
		t.Fatalf("capability %q", lines)
	}
}

func TestLoginFailure(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.line()
	if _, st := c.cmd("LOGIN alice wrong"); !strings.HasPrefix(st, "NO [AUTHENTICATIONFAILED]") {
		t.Fatalf("bad password answered %q", st)
	}
	if _, st := c.cmd("SELECT INBOX"); !strings.HasPrefix(st, "BAD") {
		t.Fatalf("SELECT before login answered %q", st)
	}
}

func TestAuthenticatePlainSASLIR(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.line()
	// "\0alice\0secret"
	if _, st := c.cmd("AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA=="); !strings.HasPrefix(st, "OK") {
		t.Fatalf("AUTHENTICATE PLAIN: %q", st)
	}
	c.n++
	c.send("x AUTHENTICATE PLAIN")
	if l := c.line(); !strings.HasPrefix(l, "x BAD") {
		t.Fatalf("AUTHENTICATE when authenticated: %q", l)
	}
}

func TestShutdownAfterLogin(t *testing.T) {
	e := newEnv(t, nil)
	e.writeMsg("shutdown", "[Down for upgrade\n")
	c := e.dial()
	c.login("alice")
	if l := c.line(); l != "* BYE [ALERT] Down for upgrade" {
		t.Fatalf("after login %q", l)
	}
	if !c.closed() {
		t.Fatal("connection left open after shutdown BYE")
	}
	a := e.dial()
	a.login("admin")
	a.mustOK("NOOP") // admins are exempt
}

func TestShutdownBeforeNextCommand(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	e.writeMsg("shutdown", "bye now")
	c.send("t9 NOOP")
	if l := c.line(); l != "* BYE [ALERT] bye now" {
		t.Fatalf("got %q", l)
	}
}

func TestTooManyBad(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.line()
	for i := 0; i < 10; i++ {
		c.send("x FROB")
		if l := c.line(); !strings.HasPrefix(l, "x BAD") {
			t.Fatalf("bad %d: %q", i, l)
		}
	}
	if l := c.line(); !strings.HasPrefix(l, "* BYE") {
		t.Fatalf("after 10 BAD: %q", l)
	}
}

func TestPipelined(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.line()
	c.send("a NOOP\r\nb CAPABILITY\r\nc LOGIN alice secret\r\nd NOOP")
	for _, want := range []string{"a OK", "* CAPABILITY", "b OK", "c OK", "d OK"} {
		if l := c.line(); !strings.HasPrefix(l, want) {
			t.Fatalf("want %q, got %q", want, l)
		}
	}
}

func TestTelemetryMasked(t *testing.T) {
	e := newEnv(t, nil)
	os.MkdirAll(filepath.Join(e.dir, "log", "alice"), 0o755)
	c := e.dial()
	c.login("alice")
	c.send("t5 LOGIN bob {6}")
	c.line()
	c.send("hunter")
	c.line()
	c.mustOK("LOGOUT")
	c.closed()
	files, _ := filepath.Glob(filepath.Join(e.dir, "log", "alice", "imap-*"))
	if len(files) != 1 {
		t.Fatalf("telemetry files %v", files)
	}
	fi, _ := os.Stat(files[0])
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	b, _ := os.ReadFile(files[0])
	if strings.Contains(string(b), "hunter") || strings.Contains(string(b), "secret") {
		t.Errorf("credential in telemetry:\n%s", b)
	}
	if !strings.Contains(string(b), "LOGOUT") || !strings.Contains(string(b), "* BYE") {
		t.Errorf("telemetry lacks traffic:\n%s", b)
	}
}

func TestTelemetryMasksSASL(t *testing.T) {
	e := newEnv(t, nil)
	os.MkdirAll(filepath.Join(e.dir, "log", "alice"), 0o755)
	c := e.dial()
	c.login("alice")
	c.send("t7 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==")
	c.line()
	c.send("t8 ID NIL")
	c.line()
	c.line()
	c.mustOK("LOGOUT")
	c.closed()
	files, _ := filepath.Glob(filepath.Join(e.dir, "log", "alice", "imap-*"))
	if len(files) != 1 {
		t.Fatalf("telemetry files %v", files)
	}
	b, _ := os.ReadFile(files[0])
	if strings.Contains(string(b), "AGFsaWNlAHNlY3JldA") || !strings.Contains(string(b), "t7 AUTHENTICATE PLAIN ***") {
		t.Errorf("SASL-IR not masked:\n%s", b)
	}
}

func TestAuthenticateContinuation(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.line()
	c.send("a AUTHENTICATE PLAIN")
	if l := c.line(); l != "+ " && l != "+" {
		t.Fatalf("continuation %q", l)
	}
	c.send("AGFsaWNlAHdyb25n") // wrong password
	if l := c.line(); !strings.HasPrefix(l, "a NO [AUTHENTICATIONFAILED]") {
		t.Fatalf("wrong password: %q", l)
	}
	c.send("b AUTHENTICATE PLAIN")
	c.line()
	c.send("*")
	if l := c.line(); !strings.HasPrefix(l, "b BAD") {
		t.Fatalf("cancel: %q", l)
	}
	c.send("c AUTHENTICATE PLAIN")
	c.line()
	c.send("AGFsaWNlAHNlY3JldA==")
	if l := c.line(); !strings.HasPrefix(l, "c OK [CAPABILITY ") {
		t.Fatalf("PLAIN: %q", l)
	}
}

func TestShutdownContext(t *testing.T) {
	for _, idle := range []bool{false, true} {
		e := newEnv(t, nil)
		client, server := net.Pipe()
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { e.srv.ServeConn(ctx, server); server.Close(); close(done) }()
		c := &client2{t: t, c: client, br: bufio.NewReader(client)}
		c.line() // greeting
		if idle {
			fmt.Fprintf(client, "a LOGIN alice secret\r\nb IDLE\r\n")
			c.line()
			c.line()
		}
		cancel()
		if l := c.line(); l != "* BYE Server shutting down" {
			t.Errorf("idle=%v: %q", idle, l)
		}
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("session did not end")
		}
	}
}

// client2 reads lines from any connection.
type client2 struct {
	t  *testing.T
	c  net.Conn
	br *bufio.Reader
}

func (c *client2) line() string {
	c.t.Helper()
	c.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	l, err := c.br.ReadString('\n')
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	return strings.TrimRight(l, "\r\n")
}

// TestTooManyBadsCloses: as Cyrus, ten syntax errors in a row get BYE and
// the connection closes, whichever kind of error the tenth is.
func TestTooManyBadsCloses(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.line() // the greeting
	// One command more than the limit, which must go unanswered.
	for i := 0; i <= maxBadInRow; i++ {
		c.send("x BOGUS")
	}
	for i := 0; i < maxBadInRow; i++ {
		if l := c.line(); !strings.HasPrefix(l, "x BAD") {
			t.Fatalf("answer %d: %q", i, l)
		}
	}
	if l := c.line(); l != "* BYE Too many protocol errors" {
		t.Fatalf("after %d BADs: %q", maxBadInRow, l)
	}
	if !c.closed() {
		t.Fatal("connection stays open after BYE: the next command was answered")
	}
}

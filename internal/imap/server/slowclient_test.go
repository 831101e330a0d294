package server

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// trickle writes s in pieces of n octets, one every gap, and stops at
// the first write error (the server closed).
func (c *client) trickle(s string, n int, gap time.Duration) {
	for i := 0; i < len(s); i += n {
		if _, err := c.c.Write([]byte(s[i:min(i+n, len(s))])); err != nil {
			return
		}
		time.Sleep(gap)
	}
}

// Over real sockets, with short bounds: each slow client gets a BYE
// naming the bound within it and the connection closes; clients that
// keep to the bounds are served.
func TestSlowClients(t *testing.T) {
	const bound = 400 * time.Millisecond
	big := strings.Repeat("x", 96<<10)
	tests := []struct {
		name  string
		login bool
		run   func(c *client) // writes; the server's answer is read meanwhile
		want  string          // the BYE's text, or the tagged OK's tag
	}{
		{"command line trickled", true,
			func(c *client) { c.trickle("a NOOP with a long tail\r\n", 1, 100*time.Millisecond) },
			"* BYE Command line not complete within 400ms"},
		{"literal trickled", true,
			func(c *client) {
				fmt.Fprintf(c.c, "a APPEND INBOX {%d+}\r\n", len(big))
				c.trickle(big, 1024, 50*time.Millisecond)
			},
			"* BYE Literal data too slow"},
		{"no login", false,
			func(c *client) {
				for range 30 {
					c.trickle("n NOOP\r\n", 8, 100*time.Millisecond)
				}
			},
			"* BYE Autologout; no login within 1.5s"},
		{"line trickled within the bound", true,
			func(c *client) { c.trickle("a NOOP\r\n", 1, 20*time.Millisecond) },
			"a OK"},
		{"literal at 16 KiB per bound", true,
			func(c *client) {
				fmt.Fprintf(c.c, "a APPEND INBOX {%d+}\r\n", len(big))
				c.trickle(big+"\r\n", 16<<10, bound/3)
			},
			"a OK"},
	}
	e := newEnv(t, func(o *Options) { o.CommandTimeout, o.PreloginTimeout = bound, 1500*time.Millisecond })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := e.dial()
			c.t = t
			if tt.login {
				c.login("alice")
			} else {
				c.line() // greeting
			}
			start := time.Now()
			done := make(chan struct{})
			go func() { defer close(done); tt.run(c) }()
			defer func() { c.c.Close(); <-done }()
			for {
				l := c.line()
				if strings.HasPrefix(l, tt.want) {
					break
				}
				if strings.HasPrefix(l, "* BYE") || !strings.HasPrefix(l, "*") && !strings.HasPrefix(l, "n OK") && !strings.HasPrefix(l, "+") {
					t.Fatalf("got %q, want %q", l, tt.want)
				}
			}
			if strings.HasPrefix(tt.want, "* BYE") && !c.closed() {
				t.Fatalf("connection open after %q", tt.want)
			}
			t.Logf("%s", time.Since(start).Round(time.Millisecond))
			// The server goes on serving.
			n := e.dial()
			n.t = t
			n.login("alice")
		})
	}
}

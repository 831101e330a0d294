package server

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

// sizedMessage is a message of about n octets.
func sizedMessage(tag string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Subject: %s\r\n\r\n", tag)
	for b.Len() < n {
		fmt.Fprintf(&b, "%s line %06d\r\n", tag, b.Len())
	}
	return b.String()
}

// A MULTIAPPEND (RFC 3502) mixing literals read into memory and literals
// spooled to files stores each message whole, in order: the spool keeps
// one entry per literal either way.
func TestAppendMemoryAndSpool(t *testing.T) {
	sizes := []int{100, appendInMemory + 1000, 5000, 200 << 10, 10}
	var msgs []string
	for i, n := range sizes {
		msgs = append(msgs, sizedMessage(fmt.Sprintf("m%d", i), n))
	}
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	c.send(fmt.Sprintf("a APPEND INBOX {%d}", len(msgs[0])))
	for i, m := range msgs {
		if l := c.line(); !strings.HasPrefix(l, "+") {
			t.Fatalf("literal %d: no continuation: %q", i, l)
		}
		next := ""
		if i+1 < len(msgs) {
			next = fmt.Sprintf(" {%d}", len(msgs[i+1]))
		}
		if _, err := io.WriteString(c.c, m+next+"\r\n"); err != nil {
			t.Fatal(err)
		}
	}
	if _, st := c.until("a"); !strings.HasPrefix(st, "OK [APPENDUID ") {
		t.Fatalf("MULTIAPPEND: %q", st)
	}
	c.mustOK("SELECT INBOX")
	for i, m := range msgs {
		if got := fetchBody(c, fmt.Sprint(i+1)); got != m {
			t.Errorf("message %d (%d octets) differs: %d octets back", i+1, len(m), len(got))
		}
	}
}

// keepInMemory: small literals of a plain APPEND, within the command's
// budget; never a CATENATE's.
func TestKeepInMemory(t *testing.T) {
	tests := []struct {
		name string
		cmd  string
		size int64
		want bool
	}{
		{"small", "a APPEND INBOX {5000}", 5000, true},
		{"at the bound", "a APPEND INBOX {65536}", appendInMemory, true},
		{"large", "a APPEND INBOX {65537}", appendInMemory + 1, false},
		{"catenate", "a APPEND INBOX CATENATE (TEXT {10}", 10, false},
		{"catenate, lower case", "a append INBOX catenate (TEXT {10}", 10, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := headerOnly(t, tt.cmd)
			if got := keepInMemory(wire.LiteralInfo{Command: cmd, Size: tt.size}); got != tt.want {
				t.Errorf("keepInMemory = %v, want %v", got, tt.want)
			}
		})
	}
}

// headerOnly is the command as the literal hook sees it: its text up to
// the literal's header.
func headerOnly(t *testing.T, line string) *wire.Command {
	t.Helper()
	var cmd *wire.Command
	r := wire.NewReader(strings.NewReader(line+"\r\n"), wire.ReaderOptions{
		LiteralPlus: true, Continue: func() error { return nil },
		Literal: func(info wire.LiteralInfo) (io.Writer, error) {
			cmd = info.Command
			return nil, fmt.Errorf("stop")
		},
	})
	r.ReadCommand()
	if cmd == nil {
		t.Fatalf("%q: the hook never saw a literal", line)
	}
	return cmd
}

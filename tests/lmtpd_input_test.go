package tests

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"
)

// rawLMTP is a line-level LMTP client for input no library would send.
type rawLMTP struct {
	t  *testing.T
	c  net.Conn
	br *bufio.Reader
}

func dialLMTP(t *testing.T, network, addr string) *rawLMTP {
	t.Helper()
	c, err := net.DialTimeout(network, addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	r := &rawLMTP{t: t, c: c, br: bufio.NewReader(c)}
	if g := r.reply(); !strings.HasPrefix(g, "220 ") {
		t.Fatalf("greeting %q", g)
	}
	return r
}

// reply reads one reply (all its lines), joined by newlines.
func (r *rawLMTP) reply() string {
	r.t.Helper()
	var lines []string
	for {
		r.c.SetReadDeadline(time.Now().Add(10 * time.Second))
		l, err := r.br.ReadString('\n')
		if err != nil {
			r.t.Fatalf("read: %v (so far %q)", err, lines)
		}
		l = strings.TrimRight(l, "\r\n")
		lines = append(lines, l)
		if len(l) < 4 || l[3] != '-' {
			return strings.Join(lines, "\n")
		}
	}
}

func (r *rawLMTP) send(s string) {
	r.t.Helper()
	if _, err := r.c.Write([]byte(s)); err != nil {
		r.t.Fatal(err)
	}
}

// cmd sends a command line and returns its reply.
func (r *rawLMTP) cmd(line string) string {
	r.t.Helper()
	r.send(line + "\r\n")
	return r.reply()
}

// envelope sends LHLO, MAIL and RCPT for each recipient, expecting 250s.
func (r *rawLMTP) envelope(rcpts ...string) {
	r.t.Helper()
	r.cmd("LHLO client.test")
	for _, line := range append([]string{"MAIL FROM:<s@example.org>"}, rcptLines(rcpts)...) {
		if got := r.cmd(line); !strings.HasPrefix(got, "250") {
			r.t.Fatalf("%s: %q", line, got)
		}
	}
}

func rcptLines(rcpts []string) []string {
	var out []string
	for _, x := range rcpts {
		out = append(out, "RCPT TO:<"+x+">")
	}
	return out
}

// TestLmtpdBadInput sends what a broken or hostile client sends: each gets
// its code per recipient, nothing partial reaches the mailbox, and the
// worker serves the next connection.
func TestLmtpdBadInput(t *testing.T) {
	e := startLmtpd(t, "-a", "maxmessagesize: 4096\n")
	e.count(t, "alice", "wonderland", "INBOX")
	cases := []struct {
		name, data, want string
	}{
		{"bare LF", "Subject: x\n\nbody\r\n", "554 5.6.0"},
		{"NUL", "Subject: x\r\n\r\nbo\x00dy\r\n", "554 5.6.0"},
		{"header line over the limit", "Subject: " + strings.Repeat("x", 10000) + "\r\n\r\nb\r\n", "55"},
		{"over maxmessagesize", "Subject: x\r\n\r\n" + strings.Repeat("0123456789\r\n", 600), "552 5.2.3"},
	}
	for _, tt := range cases {
		r := dialLMTP(t, "tcp", e.tcp)
		r.envelope("alice", "alice")
		if got := r.cmd("DATA"); !strings.HasPrefix(got, "354") {
			t.Fatalf("%s: DATA %q", tt.name, got)
		}
		r.send(tt.data + ".\r\n")
		for i := 0; i < 2; i++ {
			if got := r.reply(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("%s: reply %d %q, want %s", tt.name, i, got, tt.want)
			}
		}
		r.cmd("QUIT")
	}

	// Oversized SIZE= is refused at MAIL.
	r := dialLMTP(t, "tcp", e.tcp)
	r.cmd("LHLO client.test")
	if got := r.cmd("MAIL FROM:<s@example.org> SIZE=999999"); !strings.HasPrefix(got, "552 5.2.3") {
		t.Errorf("MAIL SIZE over the limit: %q", got)
	}
	// 8-bit header octets without BODY=8BITMIME are munged (Cyrus's
	// munge8bit default), not refused: the message is delivered.
	r.cmd("RSET")
	r.envelope("alice")
	r.cmd("DATA")
	r.send("Subject: caf\xe9\r\nMessage-ID: <eight@example.org>\r\n\r\nbody\r\n.\r\n")
	if got := r.reply(); !strings.HasPrefix(got, "250") {
		t.Errorf("8-bit header without 8BITMIME: %q", got)
	}

	// A client that vanishes mid-DATA leaves nothing behind.
	r = dialLMTP(t, "tcp", e.tcp)
	r.envelope("alice")
	r.cmd("DATA")
	r.send("Subject: cut\r\n\r\nhalf a message")
	r.c.Close()

	// Too many recipients: the 1001st is refused, the first 1000 each
	// get their reply.
	r = dialLMTP(t, "unix", e.unix)
	r.cmd("LHLO client.test")
	r.cmd("MAIL FROM:<s@example.org>")
	var b strings.Builder
	for i := 0; i <= 1000; i++ {
		b.WriteString("RCPT TO:<alice>\r\n")
	}
	r.send(b.String())
	for i := 0; i < 1000; i++ {
		if got := r.reply(); !strings.HasPrefix(got, "250") {
			t.Fatalf("RCPT %d: %q", i+1, got)
		}
	}
	if got := r.reply(); !strings.HasPrefix(got, "452 4.5.3") {
		t.Errorf("RCPT 1001: %q", got)
	}
	r.cmd("DATA")
	r.send("Message-ID: <many@example.org>\r\n\r\nto a thousand\r\n.\r\n")
	for i := 0; i < 1000; i++ {
		if got := r.reply(); !strings.HasPrefix(got, "250") {
			t.Fatalf("reply %d after DATA: %q", i+1, got)
		}
	}
	r.cmd("QUIT")
	// The 8-bit message and the thousand-recipient one, stored once
	// (duplicate suppression): nothing of the refused ones.
	mustContain(t, "mailbox after bad input", e.count(t, "alice", "wonderland", "INBOX"), "2")
}

// TestLmtpdKillMidData kills the worker in the middle of DATA: the message
// is not visible anywhere, and master's next worker delivers.
func TestLmtpdKillMidData(t *testing.T) {
	e := startLmtpd(t, "-a", "")
	e.count(t, "alice", "wonderland", "INBOX")
	r := dialLMTP(t, "tcp", e.tcp)
	r.envelope("alice")
	r.cmd("DATA")
	r.send("Subject: doomed\r\n\r\n" + strings.Repeat("partial line\r\n", 1000))
	for _, w := range e.m.Workers("lmtp") {
		syscall.Kill(w.Pid, syscall.SIGKILL)
	}
	out := runLMTP(t, e.tcp, []string{"alice"}, message("after", "after the kill"), "")
	mustContain(t, "delivery after kill", out, "REPLY 250")
	mustContain(t, "mailbox", e.count(t, "alice", "wonderland", "INBOX"), "1")
}

// TestLmtpdAuthRequired: without -a, a TCP client must authenticate
// (soft_noauth: 430), and one that did but is no admin may not deliver.
func TestLmtpdAuthRequired(t *testing.T) {
	e := startLmtpd(t, "", "")
	r := dialLMTP(t, "tcp", e.tcp)
	caps := r.cmd("LHLO client.test")
	if !strings.Contains(caps, "AUTH ") {
		t.Errorf("AUTH not offered over TCP without -a: %q", caps)
	}
	if got := r.cmd("MAIL FROM:<s@example.org>"); !strings.HasPrefix(got, "430 4.7.0") {
		t.Errorf("MAIL before AUTH: %q", got)
	}
	plain := func(u, p string) string {
		return "AUTH PLAIN " + b64("\x00"+u+"\x00"+p)
	}
	if got := r.cmd(plain("alice", "wonderland")); !strings.HasPrefix(got, "235") {
		t.Fatalf("AUTH PLAIN alice: %q", got)
	}
	r.cmd("MAIL FROM:<s@example.org>")
	if got := r.cmd("RCPT TO:<bob>"); !strings.HasPrefix(got, "550 5.7.1") {
		t.Errorf("RCPT by a non-admin: %q", got)
	}
	r = dialLMTP(t, "tcp", e.tcp)
	r.cmd("LHLO client.test")
	if got := r.cmd(plain("admin", "adminpw")); !strings.HasPrefix(got, "235") {
		t.Fatalf("AUTH PLAIN admin: %q", got)
	}
	e.count(t, "bob", "builder", "INBOX")
	r.cmd("MAIL FROM:<s@example.org>")
	if got := r.cmd("RCPT TO:<bob>"); !strings.HasPrefix(got, "250") {
		t.Errorf("RCPT by an admin: %q", got)
	}
	fmt.Fprint(r.c, "QUIT\r\n")
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

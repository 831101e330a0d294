package saslauthd

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/auth"
)

// findSaslauthd looks for the binary of Debian's sasl2-bin package, which
// lives in /usr/sbin (often not on a normal user's PATH).
func findSaslauthd() string {
	if p, err := exec.LookPath("saslauthd"); err == nil {
		return p
	}
	for _, p := range []string{"/usr/sbin/saslauthd", "/usr/local/sbin/saslauthd"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// TestRealSaslauthd runs Cyrus SASL's own saslauthd and checks passwords
// through it. saslauthd runs unprivileged with its "rimap" backend, which
// checks each password by logging in to an IMAP server: here a tiny one in
// this test on 127.0.0.1 that knows alice@example.com / "won der\"ful".
// With -r saslauthd joins login and realm again, so the IMAP server sees
// exactly the userid we were given, which proves the realm split.
func TestRealSaslauthd(t *testing.T) {
	bin := findSaslauthd()
	if bin == "" {
		t.Skip("saslauthd not installed (Debian package sasl2-bin): skipping the test against the real daemon")
	}
	imap := startRIMAP(t, map[string]string{"alice@example.com": `won der"ful`, "bob": "builder"})
	dir := t.TempDir()
	startSaslauthd(t, bin, dir, "-a", "rimap", "-O", "127.0.0.1/"+strconv.Itoa(imap.port), "-r")

	c := New(filepath.Join(dir, "mux"))
	c.Timeout = 10 * time.Second
	tests := []struct {
		user, pass string
		want       error
		login      string // what the IMAP server should have seen; "" none
	}{
		{"alice@example.com", `won der"ful`, nil, "alice@example.com"},
		{"alice@example.com", "wonderful", auth.ErrBadCredentials, "alice@example.com"},
		{"bob", "builder", nil, "bob"},
		{"mallory", "x", auth.ErrBadCredentials, "mallory"},
	}
	for _, tt := range tests {
		err := c.Check(context.Background(), tt.user, tt.pass, "imap", "")
		if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
			t.Errorf("Check(%q, %q) = %v, want %v", tt.user, tt.pass, err, tt.want)
		}
		if got := imap.lastLogin(); got != tt.login {
			t.Errorf("Check(%q): IMAP server saw login %q, want %q", tt.user, got, tt.login)
		}
	}
}

// startSaslauthd runs saslauthd in the foreground (-d) with its socket
// and lock file in dir, and stops it when the test ends.
func startSaslauthd(t *testing.T, bin, dir string, args ...string) {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command(bin, append([]string{"-d", "-n", "0", "-m", dir}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start saslauthd: %v", err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) // it forks per request
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		if t.Failed() {
			t.Logf("saslauthd output:\n%s", out.String())
		}
	})
	sock := filepath.Join(dir, "mux")
	for deadline := time.Now().Add(10 * time.Second); ; {
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("saslauthd did not open %s:\n%s", sock, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// rimapServer is the smallest IMAP server saslauthd's rimap backend
// accepts: a greeting, then OK or NO to one LOGIN.
type rimapServer struct {
	port   int
	users  map[string]string
	mu     sync.Mutex
	logins []string
}

func (s *rimapServer) lastLogin() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.logins) == 0 {
		return ""
	}
	l := s.logins[len(s.logins)-1]
	s.logins = nil
	return l
}

func startRIMAP(t *testing.T, users map[string]string) *rimapServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &rimapServer{port: ln.Addr().(*net.TCPAddr).Port, users: users}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() { defer wg.Done(); s.serve(c) }()
		}
	}()
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	return s
}

func (s *rimapServer) serve(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(c, "* OK test IMAP server ready\r\n")
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return
	}
	tag, rest, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
	cmd, args, _ := strings.Cut(rest, " ")
	words := quotedWords(args)
	if !strings.EqualFold(cmd, "LOGIN") || len(words) != 2 {
		fmt.Fprintf(c, "%s BAD expected LOGIN\r\n", tag)
		return
	}
	s.mu.Lock()
	s.logins = append(s.logins, words[0])
	s.mu.Unlock()
	if pw, ok := s.users[words[0]]; ok && pw == words[1] {
		fmt.Fprintf(c, "%s OK logged in\r\n", tag)
		return
	}
	fmt.Fprintf(c, "%s NO [AUTHENTICATIONFAILED] no\r\n", tag)
}

// quotedWords splits `"a" "b\"c"` into IMAP quoted strings.
func quotedWords(s string) []string {
	var out []string
	var cur strings.Builder
	in, esc := false, false
	for _, r := range s {
		switch {
		case esc:
			cur.WriteRune(r)
			esc = false
		case in && r == '\\':
			esc = true
		case r == '"':
			if in {
				out = append(out, cur.String())
				cur.Reset()
			}
			in = !in
		case in:
			cur.WriteRune(r)
		}
	}
	return out
}

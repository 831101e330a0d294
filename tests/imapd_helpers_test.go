package tests

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/auth/passwd"
	"github.com/corvusmail/corvus/tests/harness"
)

// imapdEnv is master running imapd with a Corvus password file holding
// alice/wonderland and admin/adminpw.
type imapdEnv struct {
	m    *harness.Master
	addr string
}

func startImapd(t *testing.T, extra string) *imapdEnv {
	t.Helper()
	return startSuite(t, "", extra)
}

// startSuite is startImapd with more SERVICES lines (with {dir} and {bin}
// expanded by the harness).
func startSuite(t *testing.T, services, extra string) *imapdEnv {
	t.Helper()
	return startSuiteIn(t, harness.NewDir(t), services, extra)
}

// startSuiteIn is startSuite in a directory made by harness.NewDir.
func startSuiteIn(t *testing.T, dir, services, extra string) *imapdEnv {
	t.Helper()
	return startSuiteDaemons(t, dir, services, "", extra)
}

// startSuiteDaemons is startSuiteIn with a DAEMON section too.
func startSuiteDaemons(t *testing.T, dir, services, daemons, extra string) *imapdEnv {
	t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	if daemons != "" {
		daemons = "DAEMON {\n" + daemons + "}\n"
	}
	m := harness.StartIn(t, dir, harness.Config{
		CyrusConf: fmt.Sprintf("SERVICES {\n  imap cmd=\"imapd\" listen=\"%s\" prefork=1\n%s}\n%s", addr, services, daemons),
		ImapdExtra: `partition-default: {dir}/part
sasl_pwcheck_method: auxprop
corvus_passwd_file: {dir}/corvus.passwd
allowplaintext: yes
admins: admin
servername: e2e.example
imapidlepoll: 1s
` + extra,
	})
	var lines []string
	for _, up := range [][2]string{{"alice", "wonderland"}, {"admin", "adminpw"}, {"bob", "builder"}} {
		l, _ := passwdLine(t, up[0], up[1])
		lines = append(lines, l)
	}
	pw := filepath.Join(m.Dir, "corvus.passwd")
	if err := os.WriteFile(pw, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	chownCyrus(t, pw)
	return &imapdEnv{m: m, addr: addr}
}

// chownCyrus hands a path to the user workers run as.
func chownCyrus(t *testing.T, p string) {
	uid, gid := harness.CyrusUser(t)
	if err := os.Chown(p, uid, gid); err != nil {
		t.Fatal(err)
	}
}

// mkdirCyrus creates a directory below the test directory for workers.
func (e *imapdEnv) mkdirCyrus(t *testing.T, rel string) string {
	p := filepath.Join(e.m.Dir, rel)
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	for d := p; d != e.m.Dir; d = filepath.Dir(d) {
		chownCyrus(t, d)
	}
	return p
}

// rawIMAP is a line-level client for checks imaplib hides.
type rawIMAP struct {
	t  *testing.T
	c  net.Conn
	br *bufio.Reader
}

func (e *imapdEnv) raw(t *testing.T) *rawIMAP {
	t.Helper()
	c, err := net.DialTimeout("tcp", e.addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &rawIMAP{t: t, c: c, br: bufio.NewReader(c)}
}

func (r *rawIMAP) line() string {
	r.t.Helper()
	r.c.SetReadDeadline(time.Now().Add(10 * time.Second))
	l, err := r.br.ReadString('\n')
	if err != nil {
		r.t.Fatalf("read: %v (%q)", err, l)
	}
	return strings.TrimRight(l, "\r\n")
}

// lineWithin reads one line, failing the test after d.
func (r *rawIMAP) lineWithin(d time.Duration) string {
	r.t.Helper()
	r.c.SetReadDeadline(time.Now().Add(d))
	l, err := r.br.ReadString('\n')
	if err != nil {
		r.t.Fatalf("read within %s: %v (%q)", d, err, l)
	}
	return strings.TrimRight(l, "\r\n")
}

// until reads lines up to the tagged status line of tag and returns it.
func (r *rawIMAP) until(tag string) string {
	r.t.Helper()
	for {
		if l := r.line(); strings.HasPrefix(l, tag+" ") {
			return l
		}
	}
}

func (r *rawIMAP) send(s string) {
	r.t.Helper()
	if _, err := fmt.Fprintf(r.c, "%s\r\n", s); err != nil {
		r.t.Fatal(err)
	}
}

// eof reports whether the server closed the connection.
func (r *rawIMAP) eof() bool {
	r.c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := r.br.ReadString('\n')
	return err != nil
}

// python runs a Python script with the server address as argv[1] and
// returns its output; a non-zero exit fails the test.
func python(t *testing.T, addr, script string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "client.py")
	if err := os.WriteFile(f, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	return pythonFile(t, addr, f)
}

// pythonFile runs the script file f like python.
func pythonFile(t *testing.T, addr, f string) string {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command("python3", f, host, port)
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("python client timed out:\n%s", out)
	}
	if err != nil {
		t.Fatalf("python client: %v\n%s", err, out)
	}
	return string(out)
}

// passwdLine is a Corvus password file line for user.
func passwdLine(t *testing.T, user, pw string) (string, error) {
	t.Helper()
	l, err := passwd.Line(user, pw)
	if err != nil {
		t.Fatal(err)
	}
	return l, nil
}

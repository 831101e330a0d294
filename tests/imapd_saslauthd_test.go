package tests

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// imapd with sasl_pwcheck_method: saslauthd, checked against a real
// saslauthd (Debian's sasl2-bin). saslauthd's rimap backend verifies a
// password by logging in to an IMAP server; here that is a second imapd
// service of the same master using the password file, picked by the
// service-prefixed key imapdb_sasl_pwcheck_method, as a Cyrus admin would.
func TestImapdThroughSaslauthd(t *testing.T) {
	bin, err := exec.LookPath("saslauthd")
	if err != nil {
		bin = "/usr/sbin/saslauthd"
		if _, err := os.Stat(bin); err != nil {
			t.Fatal("saslauthd not installed (Debian package sasl2-bin; .ci/run installs it)")
		}
	}
	front := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	back := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	m := harness.Start(t, harness.Config{
		CyrusConf: fmt.Sprintf("SERVICES {\n  imap cmd=\"imapd\" listen=\"%s\" prefork=1\n  imapdb cmd=\"imapd\" listen=\"%s\" prefork=1\n}\n", front, back),
		ImapdExtra: `partition-default: {dir}/part
sasl_pwcheck_method: saslauthd
sasl_saslauthd_path: {dir}/sasl/mux
imapdb_sasl_pwcheck_method: auxprop
corvus_passwd_file: {dir}/corvus.passwd
allowplaintext: yes
`,
	})
	line, _ := passwdLine(t, "alice", "wonderland")
	pw := filepath.Join(m.Dir, "corvus.passwd")
	if err := os.WriteFile(pw, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	chownCyrus(t, pw)
	sasldir := filepath.Join(m.Dir, "sasl")
	if err := os.Mkdir(sasldir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(back)
	sasl := runSaslauthd(t, bin, sasldir, "-a", "rimap", "-O", "127.0.0.1/"+port)

	out := python(t, front, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
print("GOOD", M.login("alice", "wonderland")[0])
M.logout()
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
try:
    M.login("alice", "wrong")
    print("BAD accepted")
except imaplib.IMAP4.error as e:
    print("BAD refused", e)
`)
	if !strings.Contains(out, "GOOD OK") || !strings.Contains(out, "BAD refused") {
		t.Fatalf("login through saslauthd:\n%s", out)
	}
	// The answers came from saslauthd, not from the password file
	// directly: it logged both attempts.
	harness.WaitFor(t, 5*time.Second, "saslauthd to log both logins", func() bool {
		log := sasl.String()
		return strings.Contains(log, "auth success: [user=alice]") && strings.Contains(log, "auth failure: [user=alice]")
	})
}

// runSaslauthd starts saslauthd in the foreground with its socket in dir
// and stops it (and the children it forks per request) when the test ends.
func runSaslauthd(t *testing.T, bin, dir string, args ...string) *syncBuffer {
	t.Helper()
	out := &syncBuffer{}
	cmd := exec.Command(bin, append([]string{"-d", "-n", "0", "-m", dir}, args...)...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start saslauthd: %v", err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
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
	harness.WaitFor(t, 10*time.Second, "saslauthd's socket", func() bool {
		c, err := net.Dial("unix", filepath.Join(dir, "mux"))
		if err == nil {
			c.Close()
		}
		return err == nil
	})
	return out
}

// syncBuffer is a bytes.Buffer safe for a writing process and a reading test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

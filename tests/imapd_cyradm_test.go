package tests

import (
	"bytes"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// cyradm runs Debian's cyradm (cyrus-admin) non-interactively as the
// admin: the commands are read from stdin, the password given with -w.
// It returns stdout and stderr together; the test is skipped when
// cyradm is not installed.
func cyradm(t *testing.T, addr, commands string, auth ...string) string {
	t.Helper()
	if auth == nil {
		auth = []string{"--auth", "login"}
	}
	bin, err := exec.LookPath("cyradm")
	if err != nil {
		t.Skip("cyradm not installed (apt-get install cyrus-admin)")
	}
	host, port, _ := net.SplitHostPort(addr)
	args := append([]string{"--norc", "--user", "admin", "-w", "adminpw"}, auth...)
	cmd := exec.Command(bin, append(args, "--notls", "--port", port, host)...)
	cmd.Stdin = strings.NewReader(commands)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("cyradm timed out:\n%s", out.String())
	}
	return out.String()
}

// TestCyradm drives the real cyradm through an account's life, the way
// a Cyrus admin does: create the user and a folder, list, set and list
// ACLs, set and read the quota, rename, and delete (which, as on Cyrus,
// first needs the admin to grant itself x).
func TestCyradm(t *testing.T) {
	e := startImapd(t, "")
	steps := []struct {
		cmd  string
		want []string // substrings of the command's output; none: silent
	}{
		{"cm user/bob", nil},
		{"cm user/bob/Work", nil},
		{"lm", []string{"user/bob (\\HasChildren)", "user/bob/Work (\\HasNoChildren)"}},
		{"sam user/bob alice lrs", nil},
		{"lam user/bob", []string{"bob lrswipkxtecdan\n", "alice lrs\n"}}, // a Perl hash: any order
		{"sq user/bob 10000", []string{"quota:10000"}},
		{"lq user/bob", []string{"STORAGE 0/10000 (0%)"}},
		{"lqr user/bob/Work", []string{"user/bob STORAGE 0/10000 (0%)"}},
		{"renm user/bob/Work user/bob/Play", nil},
		{"lm user/bob*", []string{"user/bob (\\HasChildren)", "user/bob/Play (\\HasNoChildren)"}},
		{"dam user/bob alice", nil},
		{"lam user/bob", []string{"bob lrswipkxtecdan\n"}},
		{"dm user/bob", []string{"deletemailbox: [NOPERM] Permission denied"}},
		{"sam user/bob admin x", nil},
		{"dm user/bob", nil},
		{"lm", []string{"INBOX (\\HasNoChildren)"}},
	}
	var script strings.Builder
	for _, st := range steps {
		script.WriteString(st.cmd + "\n")
	}
	out := cyradm(t, e.addr, script.String())
	// cyradm prompts "<host>> " before reading each command, so the text
	// between two prompts is one command's output.
	host, _, _ := net.SplitHostPort(e.addr)
	parts := strings.Split(out, host+"> ")
	if len(parts) != len(steps)+2 {
		t.Fatalf("cyradm ran %d commands, not %d:\n%s", len(parts)-2, len(steps), out)
	}
	for i, st := range steps {
		got := parts[i+1]
		if len(st.want) == 0 && strings.TrimSpace(got) != "" {
			t.Errorf("%s: %q", st.cmd, got)
		}
		for _, w := range st.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", st.cmd, got, w)
			}
		}
	}
	if last := parts[len(steps)]; strings.Contains(last, "user/") {
		t.Errorf("lm after dm: %q", last)
	}
	if first := parts[3]; strings.Contains(first, "user (") {
		t.Errorf(`lm lists the "user" level, which Cyrus does not for "*": %q`, first)
	}

	// The account is gone for bob's own login too: it is created afresh,
	// without the old folder.
	got := python(t, e.addr, `
import imaplib, sys
B = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
B.login("bob", "builder")
print("LIST", [l.decode() for l in B.list()[1]])
`)
	mustContain(t, "bob after dm", got, `LIST ['(\\HasNoChildren) "/" INBOX']`)
}

// TestCyradmMechanisms: cyradm logs in with the SASL mechanism it picks
// itself from the server's list, and with PLAIN when told.
func TestCyradmMechanisms(t *testing.T) {
	e := startImapd(t, "")
	for _, auth := range [][]string{{}, {"--auth", "plain"}} {
		out := cyradm(t, e.addr, "cm user/carol\nlm user/*\n", auth...)
		if !strings.Contains(out, "user/carol (\\HasNoChildren)") {
			t.Errorf("cyradm %v:\n%s", auth, out)
		}
		cyradm(t, e.addr, "sam user/carol admin x\ndm user/carol\n", auth...)
	}
}

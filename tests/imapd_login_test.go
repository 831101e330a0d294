package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const pyLogin = `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
print("WELCOME", M.welcome.decode())
typ, caps = M.capability()
print("PRECAPS", typ, caps[0].decode())
try:
    M.login("alice", "wrong")
    print("BADLOGIN accepted")
except imaplib.IMAP4.error as e:
    print("BADLOGIN refused", e)
typ, data = M.login("alice", "wonderland")
print("LOGIN", typ)
typ, caps = M.capability()
print("POSTCAPS", typ, caps[0].decode())
typ, data = M.noop()
print("NOOP", typ)
typ, data = M.logout()
print("LOGOUT", typ)
`

func TestImapdPythonLogin(t *testing.T) {
	e := startImapd(t, "")
	e.mkdirCyrus(t, "log/alice")
	out := python(t, e.addr, pyLogin)
	for _, want := range []string{
		"WELCOME * OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR",
		"e2e.example Corvus IMAP",
		"BADLOGIN refused",
		"LOGIN OK", "NOOP OK", "LOGOUT BYE",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("python output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "AUTH=PLAIN") || strings.Contains(out, "PRECAPS OK IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE IDLE") {
		t.Errorf("pre-login capabilities wrong:\n%s", out)
	}
	if !strings.Contains(out, "POSTCAPS OK") || !strings.Contains(out[strings.Index(out, "POSTCAPS"):], "IDLE") {
		t.Errorf("post-login capabilities lack IDLE:\n%s", out)
	}
	files, _ := filepath.Glob(filepath.Join(e.m.Dir, "log", "alice", "imap-*"))
	if len(files) != 1 {
		t.Fatalf("telemetry files: %v", files)
	}
	fi, err := os.Stat(files[0])
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("telemetry file mode: %v %v", fi.Mode(), err)
	}
	b, _ := os.ReadFile(files[0])
	s := string(b)
	if !strings.HasPrefix(s, "---------- alice ") || !strings.Contains(s, "NOOP") || !strings.Contains(s, ">* BYE") && !strings.Contains(s, "* BYE") {
		t.Errorf("telemetry content:\n%s", s)
	}
	if strings.Contains(s, "wonderland") {
		t.Errorf("password in telemetry:\n%s", s)
	}
}

func TestImapdTelemetryMasksLaterLogin(t *testing.T) {
	e := startImapd(t, "")
	e.mkdirCyrus(t, "log/alice")
	r := e.raw(t)
	r.line()
	r.send("a LOGIN alice wonderland")
	if l := r.line(); !strings.HasPrefix(l, "a OK") {
		t.Fatalf("login: %q", l)
	}
	r.send(`b LOGIN alice "wonderland"`)
	r.line()
	r.send("c LOGOUT")
	r.eof()
	time.Sleep(200 * time.Millisecond)
	files, _ := filepath.Glob(filepath.Join(e.m.Dir, "log", "alice", "imap-*"))
	if len(files) != 1 {
		t.Fatalf("telemetry files: %v", files)
	}
	b, _ := os.ReadFile(files[0])
	if strings.Contains(string(b), "wonderland") || !strings.Contains(string(b), `b LOGIN alice "***"`) {
		t.Errorf("telemetry not masked:\n%s", b)
	}
}

func TestImapdMotdAndShutdown(t *testing.T) {
	e := startImapd(t, "")
	msg := e.mkdirCyrus(t, "msg")
	os.WriteFile(filepath.Join(msg, "motd"), []byte("[Hello from e2e\n"), 0o644)
	r := e.raw(t)
	if g := r.line(); !strings.HasPrefix(g, "* OK [CAPABILITY ") {
		t.Fatalf("greeting %q", g)
	}
	if l := r.line(); l != "* OK [ALERT] Hello from e2e" {
		t.Fatalf("motd %q", l)
	}
	r.send("a LOGIN alice wonderland")
	if l := r.line(); !strings.HasPrefix(l, "a OK") {
		t.Fatalf("login %q", l)
	}
	os.WriteFile(filepath.Join(msg, "shutdown"), []byte("Going down\n"), 0o644)
	r.send("b NOOP")
	if l := r.line(); l != "* BYE [ALERT] Going down" {
		t.Fatalf("shutdown before command: %q", l)
	}
	if !r.eof() {
		t.Fatal("connection open after shutdown BYE")
	}
	// A new login gets OK then BYE; an admin is exempt.
	r2 := e.raw(t)
	r2.line()
	r2.line()
	r2.send("a LOGIN alice wonderland")
	if l := r2.line(); !strings.HasPrefix(l, "a OK") {
		t.Fatalf("login during shutdown %q", l)
	}
	if l := r2.line(); l != "* BYE [ALERT] Going down" {
		t.Fatalf("after login: %q", l)
	}
	r3 := e.raw(t)
	r3.line()
	r3.line()
	r3.send("a LOGIN admin adminpw")
	r3.line()
	r3.send("b NOOP")
	if l := r3.line(); !strings.HasPrefix(l, "b OK") {
		t.Fatalf("admin during shutdown: %q", l)
	}
}

package tests

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// telemetryOf returns every telemetry file of user, concatenated.
func telemetryOf(t *testing.T, e *imapdEnv, user string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(e.m.Dir, "log", user, "imap-*"))
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	return all.String()
}

// waitTelemetryOf waits until the telemetry of user holds every one of
// want and returns it.
func waitTelemetryOf(t *testing.T, e *imapdEnv, user string, want ...string) string {
	t.Helper()
	var log string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		log = telemetryOf(t, e, user)
		missing := false
		for _, w := range want {
			missing = missing || !strings.Contains(log, w)
		}
		if !missing {
			break
		}
	}
	return log
}

// mbsync (isync 1.4.4) turns on COMPRESS=DEFLATE by itself when the
// server announces it and ends every command with zlib's
// Z_PARTIAL_FLUSH. It syncs, pushes a new local message (APPEND over the
// compressed stream) and syncs again with nothing to do; telemetry shows
// the compressed sessions' commands uncompressed.
func TestImapdMbsyncCompress(t *testing.T) {
	if _, err := exec.LookPath("mbsync"); err != nil {
		t.Fatal("mbsync not installed (Debian package isync; .ci/run installs it)")
	}
	e := startImapd(t, "")
	python(t, e.addr, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
M.append("INBOX", None, None, b"Subject: one\r\nMessage-ID: <one@x>\r\n\r\nfirst\r\n")
M.append("INBOX", None, None, b"Subject: two\r\nMessage-ID: <two@x>\r\n\r\n" + b"second line\r\n" * 5000)
M.logout()
`)
	e.mkdirCyrus(t, "log/alice") // telemetry from here on: mbsync's sessions only
	dir := t.TempDir()
	maildir := filepath.Join(dir, "mail")
	if err := os.MkdirAll(maildir, 0o700); err != nil {
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(e.addr)
	rc := filepath.Join(dir, "mbsyncrc")
	cfg := fmt.Sprintf(`IMAPAccount corvus
Host %s
Port %s
User alice
Pass wonderland
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account corvus

MaildirStore local
Path %s/
Inbox %s/INBOX

Channel inbox
Far :remote:
Near :local:
Create Both
SyncState *
`, host, port, maildir, maildir)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	runMbsync(t, rc)
	if n := maildirCount(maildir, "INBOX"); n != 2 {
		t.Fatalf("pulled %d messages, want 2", n)
	}
	local := filepath.Join(maildir, "INBOX", "new", "1700000000.local.host")
	if err := os.WriteFile(local, []byte("Subject: three\r\nMessage-ID: <three@x>\r\n\r\npushed compressed\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	runMbsync(t, rc)
	log := waitTelemetryOf(t, e, "alice", "COMPRESS DEFLATE", "OK DEFLATE active", "pushed compressed")
	for _, want := range []string{"COMPRESS DEFLATE", "OK DEFLATE active", "pushed compressed", "second line"} {
		if !strings.Contains(log, want) {
			t.Errorf("telemetry of mbsync's sessions lacks %q:\n%s", want, tail(log, 3000))
		}
	}
	// Commands after the OK were read through the decompressor.
	if i := strings.Index(log, "OK DEFLATE active"); i < 0 || !strings.Contains(log[i:], "SELECT") {
		t.Errorf("no SELECT after COMPRESS in telemetry:\n%s", tail(log, 3000))
	}
	out := python(t, e.addr, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
M.select("INBOX", readonly=True)
typ, data = M.search(None, "SUBJECT", "three")
print("THREE", data[0].decode())
M.logout()
`)
	if !strings.Contains(out, "THREE 3") {
		t.Fatalf("message pushed over COMPRESS not on the server:\n%s", out)
	}
	runMbsync(t, rc)
	if n := maildirCount(maildir, "INBOX"); n != 3 {
		t.Fatalf("after a no-op sync INBOX has %d messages, want 3", n)
	}
}

// runMbsync runs mbsync -a with rc, within a minute.
func runMbsync(t *testing.T, rc string) string {
	t.Helper()
	return runWithin(t, time.Minute, exec.Command("mbsync", "-c", rc, "-a"))
}

func maildirCount(maildir, folder string) int {
	n := 0
	for _, sub := range []string{"cur", "new"} {
		ents, _ := os.ReadDir(filepath.Join(maildir, folder, sub))
		n += len(ents)
	}
	return n
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// pyCompress speaks COMPRESS=DEFLATE over a raw socket with Python's
// zlib (imaplib has no COMPRESS): one session per flush mode given in
// argv[3:], each command ended with that zlib flush ("mixed" cycles
// through partial, sync and full), covering a synchronizing literal, a
// 200 KB APPEND (blocks across the 32 KiB window), FETCH, IDLE and LOGOUT.
const pyCompress = `
import random, socket, sys, zlib

host, port = sys.argv[1], int(sys.argv[2])
FLUSH = {"partial": [zlib.Z_PARTIAL_FLUSH], "sync": [zlib.Z_SYNC_FLUSH],
         "mixed": [zlib.Z_PARTIAL_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH]}

class Conn:
    def __init__(self, modes):
        self.s = socket.create_connection((host, port), timeout=20)
        self.buf, self.z, self.d, self.modes, self.n = b"", None, None, modes, 0

    def recv(self):
        data = self.s.recv(65536)
        if not data:
            raise EOFError("server closed the connection")
        self.buf += self.d.decompress(data) if self.d else data

    def line(self):
        while b"\r\n" not in self.buf:
            self.recv()
        l, self.buf = self.buf.split(b"\r\n", 1)
        return l.decode("latin-1")

    def send(self, data):
        if self.z:
            self.n += 1
            data = self.z.compress(data) + self.z.flush(self.modes[self.n % len(self.modes)])
        self.s.sendall(data)

    def until(self, tag):
        lines = []
        while True:
            l = self.line()
            lines.append(l)
            if l.startswith(tag + " "):
                return lines

    def cmd(self, tag, text):
        self.send(("%s %s\r\n" % (tag, text)).encode())
        return self.until(tag)

def check(cond, what, got):
    if not cond:
        raise SystemExit("%s: %r" % (what, got))

def session(mode):
    c = Conn(FLUSH[mode])
    check(c.line().startswith("* OK"), "greeting", "")
    check(c.cmd("a", "LOGIN alice wonderland")[-1].startswith("a OK"), "login", "")
    caps = c.cmd("b", "CAPABILITY")
    check("COMPRESS=DEFLATE" in caps[0], "capability", caps)
    r = c.cmd("c", "COMPRESS DEFLATE")
    check(r[-1].startswith("c OK"), "compress", r)
    c.z = zlib.compressobj(6, zlib.DEFLATED, -15)
    c.d = zlib.decompressobj(-15)
    r = c.cmd("d", "SELECT INBOX")
    check(r[-1].startswith("d OK"), "select", r)
    small = ("Subject: %s\r\n\r\nsmall over %s flush\r\n" % (mode, mode)).encode()
    c.send(b"e APPEND INBOX {%d}\r\n" % len(small))
    r = c.line()
    check(r.startswith("+ "), "continuation", r)
    c.send(small + b"\r\n")
    r = c.until("e")
    check(r[-1].startswith("e OK"), "append", r)
    rng = random.Random(4978)
    body = "".join(rng.choice(["imap ", "deflate ", "mbsync ", "window\r\n"]) for _ in range(40000))
    big = ("Subject: big %s\r\n\r\n%s\r\n" % (mode, body)).encode()
    c.send(b"f APPEND INBOX {%d+}\r\n" % len(big) + big + b"\r\n")
    r = c.until("f")
    check(r[-1].startswith("f OK"), "big append", r)
    r = c.cmd("g", 'SEARCH SUBJECT "big %s"' % mode)
    uid = r[0].split()[-1]
    r = c.cmd("h", "FETCH %s RFC822.SIZE" % uid)
    check("RFC822.SIZE %d)" % len(big) in r[0], "size of the big message", r)
    r = c.cmd("i", 'SEARCH BODY "small over %s flush"' % mode)
    check(len(r[0].split()) == 3, "small message", r)
    c.send(b"j IDLE\r\n")
    r = c.line()
    check(r.startswith("+ "), "idle", r)
    c.send(b"DONE\r\n")
    r = c.until("j")
    check(r[-1].startswith("j OK"), "done", r)
    r = c.cmd("z", "LOGOUT")
    check(r[-1].startswith("z OK"), "logout", r)
    print("SESSION", mode, "ok")

for mode in sys.argv[3:]:
    session(mode)
`

// Python's zlib as the client, with Z_PARTIAL_FLUSH (as mbsync), with
// Z_SYNC_FLUSH and with both and Z_FULL_FLUSH mixed: every command is
// answered, and telemetry has the sessions uncompressed.
func TestImapdCompressPythonZlib(t *testing.T) {
	e := startImapd(t, "")
	e.mkdirCyrus(t, "log/alice")
	f := filepath.Join(t.TempDir(), "compress.py")
	if err := os.WriteFile(f, []byte(pyCompress), 0o644); err != nil {
		t.Fatal(err)
	}
	modes := []string{"partial", "sync", "mixed"}
	out := pythonArgs(t, e.addr, f, modes...)
	for _, m := range modes {
		if !strings.Contains(out, "SESSION "+m+" ok") {
			t.Errorf("%s flush session failed:\n%s", m, out)
		}
	}
	log := waitTelemetryOf(t, e, "alice", "small over mixed flush")
	for _, m := range modes {
		if !strings.Contains(log, "small over "+m+" flush") || !strings.Contains(log, `SEARCH SUBJECT "big `+m+`"`) {
			t.Errorf("telemetry lacks the %s session's commands uncompressed:\n%s", m, tail(log, 2000))
		}
	}
}

// pythonArgs runs the script file f like pythonFile, with more arguments
// after host and port.
func pythonArgs(t *testing.T, addr, f string, args ...string) string {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	return runWithin(t, 90*time.Second, exec.Command("python3", append([]string{f, host, port}, args...)...))
}

package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/corvusmail/corvus/tests/harness"
)

// lmtpEnv is master running imapd and lmtpd: "lmtp" on TCP with -a and
// "lmtpunix" on a unix socket, as Debian's cyrus.conf has them.
type lmtpEnv struct {
	*imapdEnv
	tcp, unix string
}

func startLmtpd(t *testing.T, lmtpFlags, extra string) *lmtpEnv {
	t.Helper()
	return startLmtpdIn(t, harness.NewDir(t), lmtpFlags, extra, "")
}

// lmtpClient drives Python's smtplib.LMTP at a low level: smtplib's
// sendmail reads one reply after DATA, LMTP sends one per recipient.
const lmtpClient = `
import smtplib, sys
def session(target, rcpts, data, mail_opts=""):
    if target.startswith("/"):
        s = smtplib.LMTP(target)
    else:
        h, p = target.rsplit(":", 1)
        s = smtplib.LMTP(h, int(p))
    code, caps = s.docmd("LHLO", "client.test")
    print("LHLO", code, caps.decode().replace("\n", " "))
    print("MAIL", *s.docmd("MAIL", "FROM:<sender@example.org>" + mail_opts))
    ok = 0
    for r in rcpts:
        code, msg = s.docmd("RCPT", "TO:<%s>" % r)
        print("RCPT", r, code, msg.decode())
        ok += code == 250
    if ok:
        code, msg = s.docmd("DATA")
        print("DATA", code)
        if code == 354:
            s.send(smtplib.quotedata(data).encode("utf-8", "surrogateescape") + b"\r\n.\r\n")
            for i in range(ok):
                code, msg = s.getreply()
                print("REPLY", code, msg.decode())
    s.quit()
`

func message(id, body string) string {
	return fmt.Sprintf("From: Sender <sender@example.org>\r\nTo: alice@example.org\r\nSubject: test %s\r\nMessage-ID: <%s@example.org>\r\n\r\n%s\r\n", id, id, body)
}

// runLMTP runs one LMTP session with Python's smtplib and returns its
// transcript.
func runLMTP(t *testing.T, target string, rcpts []string, data, mailOpts string) string {
	t.Helper()
	var q []string
	for _, r := range rcpts {
		q = append(q, fmt.Sprintf("%q", r))
	}
	script := lmtpClient + fmt.Sprintf("session(%q, [%s], %q, %q)\n", target, strings.Join(q, ", "), data, mailOpts)
	return python(t, "127.0.0.1:0", script)
}

// count returns the messages in user's mailbox through IMAP.
func (e *lmtpEnv) count(t *testing.T, user, pw, mbox string) string {
	t.Helper()
	return python(t, e.addr, fmt.Sprintf(`
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login(%q, %q)
typ, data = M.select(%q, readonly=True)
print(data[0].decode())
`, user, pw, mbox))
}

func mustContain(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: %q missing from:\n%s", what, w, got)
		}
	}
}

// TestLmtpdDelivery: Postfix's path (unix socket, pre-authorised) and a
// TCP client under -a; one reply per recipient after DATA, the unknown
// user refused alone, the message stored once for two users, duplicates
// suppressed, and the trace headers Cyrus adds.
func TestLmtpdDelivery(t *testing.T) {
	e := startLmtpd(t, "-a", "maxmessagesize: 1000000\n")
	// Accounts exist once their users have logged in (or an admin made
	// them); before that, as in Cyrus without autocreate, they are unknown.
	mustContain(t, "bob before", runLMTP(t, e.unix, []string{"bob"}, message("zero", "x"), ""), "RCPT bob 550 5.1.1")
	e.count(t, "alice", "wonderland", "INBOX")
	e.count(t, "bob", "builder", "INBOX")
	teleDir := e.mkdirCyrus(t, "log/bob")
	out := runLMTP(t, e.unix, []string{"alice", "nobody", "bob@e2e.example"}, message("one", "sharedmarker body"), "")
	mustContain(t, "LMTP over unix socket", out,
		"LHLO 250", "8BITMIME", "ENHANCEDSTATUSCODES", "PIPELINING", "SIZE 1000000", "CHUNKING", "IGNOREQUOTA",
		"RCPT alice 250 2.1.5", "RCPT nobody 550 5.1.1", "RCPT bob@e2e.example 250", "DATA 354")
	if n := strings.Count(out, "REPLY 250 2.1.5 Ok SESSIONID="); n != 2 {
		t.Errorf("want 2 per-recipient 250 replies after DATA, got %d:\n%s", n, out)
	}
	if strings.Contains(out, "AUTH") {
		t.Errorf("AUTH offered on the pre-authorised unix socket:\n%s", out)
	}
	// bob has telemetry on: the transaction that delivered to him is in
	// his log, beside his IMAP sessions.
	var lmtpLog string
	ents, _ := os.ReadDir(teleDir)
	for _, ent := range ents {
		if strings.HasPrefix(ent.Name(), "lmtpunix-") {
			b, _ := os.ReadFile(filepath.Join(teleDir, ent.Name()))
			lmtpLog = string(b)
		}
	}
	mustContain(t, "bob's LMTP telemetry", lmtpLog, "RCPT TO:<bob@e2e.example>", "sharedmarker body", "250 2.1.5 Ok SESSIONID=")
	mustContain(t, "alice INBOX", e.count(t, "alice", "wonderland", "INBOX"), "1")
	mustContain(t, "bob INBOX", e.count(t, "bob", "builder", "INBOX"), "1")
	if n := linksOf(t, filepath.Join(e.m.Dir, "part"), "sharedmarker"); n != 2 {
		t.Errorf("message file has %d links, want 2 (written once for both users)", n)
	}

	// The same Message-ID again: accepted (250) but not stored twice.
	out = runLMTP(t, e.tcp, []string{"alice"}, message("one", "sharedmarker body"), "")
	mustContain(t, "duplicate over TCP with -a", out, "RCPT alice 250", "REPLY 250")
	mustContain(t, "alice after duplicate", e.count(t, "alice", "wonderland", "INBOX"), "1")

	out = runLMTP(t, e.tcp, []string{"ALICE"}, message("two", "second"), "")
	mustContain(t, "lmtp_downcase_rcpt", out, "RCPT ALICE 250", "REPLY 250")
	fetched := python(t, e.addr, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
M.select("INBOX")
print(M.fetch("2", "(BODY.PEEK[HEADER])")[1][0][1].decode())
`)
	mustContain(t, "trace headers", fetched, "Return-Path: <sender@example.org>", "Received: from client.test", "with LMTP")

	// A large message (mapped from the spool rather than read) arrives
	// whole.
	body := strings.Repeat("a fairly long line of a large message body\r\n", 7000)
	out = runLMTP(t, e.unix, []string{"alice"}, message("large", body), "")
	mustContain(t, "large message", out, "REPLY 250")
	size := python(t, e.addr, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
M.select("INBOX")
print(len(M.fetch("3", "(BODY.PEEK[TEXT])")[1][0][1]))
`)
	// message() ends the body with CRLF; the client adds one before ".".
	if want := fmt.Sprint(len(body) + 4); strings.TrimSpace(size) != want {
		t.Errorf("large message body: %s octets, want %s", strings.TrimSpace(size), want)
	}
}

// linksOf finds the message file under dir holding marker and returns its
// hard link count.
func linksOf(t *testing.T, dir, marker string) int {
	t.Helper()
	links := 0
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || !info.Mode().IsRegular() || strings.HasSuffix(p, ".db") || strings.Contains(p, ".db-") {
			return nil
		}
		if b, _ := os.ReadFile(p); strings.Contains(string(b), marker) {
			links = int(info.Sys().(*syscall.Stat_t).Nlink)
		}
		return nil
	})
	return links
}

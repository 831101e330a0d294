package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/tests/harness"
)

// TestImapdIgnoreQuotaFlag: accounts autocreated at first login get
// autocreate_quota; an APPEND over it is refused NO [OVERQUOTA] by imapd,
// and accepted by an imapd started with -q.
func TestImapdIgnoreQuotaFlag(t *testing.T) {
	q := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	e := startSuite(t, fmt.Sprintf("  imapq cmd=\"imapd -q\" listen=\"%s\" prefork=1\n", q),
		"autocreate_quota: 2\nautocreate_inbox_folders: Sent|Trash\n")
	script := `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
print("FOLDERS", [l.decode() for l in M.list()[1]])
msg = b"Subject: big\r\n\r\n" + b"x" * 3000 + b"\r\n"
typ, data = M.append("INBOX", None, None, msg)
print("APPEND", typ, data[0].decode())
`
	out := python(t, e.addr, script)
	mustContain(t, "imapd", out, "Sent", "Trash", "APPEND NO [OVERQUOTA]")
	out = python(t, q, script)
	mustContain(t, "imapd -q", out, "APPEND OK")
	if strings.Contains(out, "OVERQUOTA") {
		t.Errorf("imapd -q refused the APPEND:\n%s", out)
	}
}

// TestImapdQuotaCommands drives QUOTA (RFC 9208) with Python's imaplib:
// the admin sets bob's quota as cyradm's setquota does, bob reads it.
func TestImapdQuotaCommands(t *testing.T) {
	e := startImapd(t, "")
	out := python(t, e.addr, `
import imaplib, sys
B = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
B.login("bob", "builder")
A = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
A.login("admin", "adminpw")
print("SET", A.setquota("user/bob", "(STORAGE 1000 MESSAGE 20)"))
print("ROOT", B.getquotaroot("INBOX"))
print("GET", B.getquota("INBOX"))
print("USERSET", B.setquota("INBOX", "(STORAGE 5)"))
`)
	mustContain(t, "imaplib QUOTA", out,
		"SET ('OK', [b'user/bob (STORAGE 0 1000 MESSAGE 0 20)'])",
		"ROOT ('OK', [[b'INBOX INBOX'], [b'INBOX (STORAGE 0 1000 MESSAGE 0 20)']])",
		"GET ('OK', [b'INBOX (STORAGE 0 1000 MESSAGE 0 20)'])",
		"USERSET ('NO'")
}

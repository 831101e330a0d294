package tests

import (
	"strings"
	"testing"
)

const pyMailbox = `
import imaplib, sys, socket, time
host, port = sys.argv[1], int(sys.argv[2])
M = imaplib.IMAP4(host, port)
M.login("alice", "wonderland")
name = "Entw&APw-rfe"  # modified UTF-7 for Entwürfe
print("CREATE", M.create(name)[0])
typ, data = M.list('""', "*")
print("LIST", typ, [d.decode() for d in data])
msg = b"Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nFrom: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nHall\xc3\xb6chen, exact bytes\r\n  trailing spaces  \r\n"
typ, data = M.append(name, r"(\Seen)", None, msg)
print("APPEND", typ, data[0].decode())
typ, data = M.select(name)
print("SELECT", typ, data[0].decode())
typ, data = M.fetch("1", "(BODY.PEEK[])")
print("IDENTICAL", data[0][1] == msg)
typ, data = M.fetch("1", "(FLAGS ENVELOPE)")
print("FETCH", typ, repr(data))
typ, data = M.search(None, "BODY", "exact")
print("SEARCH", typ, data[0].decode())
typ, data = M.status(name, "(MESSAGES UIDNEXT SIZE)")
print("STATUS", typ, data[0].decode())

# IDLE on INBOX, a second client appends.
typ, data = M.select("INBOX")
tag = M._new_tag().decode()
M.send(("%s IDLE\r\n" % tag).encode())
print("IDLECONT", M.readline().decode().strip())
N = imaplib.IMAP4(host, port)
N.login("alice", "wonderland")
N.append("INBOX", None, None, b"Subject: ping\r\n\r\nhi\r\n")
N.logout()
M.sock.settimeout(15)
print("IDLEGOT", M.readline().decode().strip())
M.send(b"DONE\r\n")
print("IDLEDONE", M.readline().decode().strip())
print("DELETE", M.delete(name)[0])
M.logout()
`

func TestImapdPythonMailbox(t *testing.T) {
	e := startImapd(t, "")
	out := python(t, e.addr, pyMailbox)
	for _, want := range []string{
		"CREATE OK",
		`"/" Entw&APw-rfe`,
		"APPEND OK [APPENDUID ",
		"SELECT OK 1",
		"IDENTICAL True",
		`FLAGS (\\Seen`,
		// ENVELOPE carries the header text as written (RFC 9051 §7.5.2):
		// the Date unchanged, the encoded-word subject still encoded.
		`ENVELOPE ("Mon, 7 Feb 1994 21:52:25 -0800 (PST)" "=?utf-8?q?Gr=C3=BC=C3=9Fe?="`,
		"SEARCH OK 1",
		"MESSAGES 1",
		"IDLECONT +",
		"IDLEGOT * 1 EXISTS",
		"IDLEDONE ",
		"DELETE OK",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("python output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "IDLEDONE ") && !strings.Contains(out[strings.Index(out, "IDLEDONE "):], " OK") {
		t.Errorf("IDLE not ended with OK:\n%s", out)
	}
}

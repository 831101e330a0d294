package tests

import "testing"

// TestImapdSort: Python imaplib's sort() and thread() against imapd
// (RFC 5256).
func TestImapdSort(t *testing.T) {
	e := startImapd(t, "")
	out := python(t, e.addr, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
for subj, size in (("Re: beta", 300), ("alpha", 10), ("gamma", 100)):
    M.append("INBOX", None, None, ("Subject: %s\r\nFrom: a@example.org\r\n\r\n%s\r\n" % (subj, "x" * size)).encode())
M.select("INBOX")
print("SUBJECT", M.sort("(SUBJECT)", "UTF-8", "ALL"))
print("SIZE", M.sort("(REVERSE SIZE)", "UTF-8", "ALL"))
print("THREAD", M.thread("ORDEREDSUBJECT", "UTF-8", "ALL"))
`)
	mustContain(t, "imaplib sort and thread", out, "SUBJECT ('OK', [b'2 1 3'])", "SIZE ('OK', [b'1 3 2'])",
		"THREAD ('OK', [b'(1)(2)(3)'])") // threads in date order
}

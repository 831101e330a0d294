package tests

import "testing"

// TestImapdACL drives ACL (RFC 4314) and the Other Users namespace with
// Python's imaplib through the real master: bob shares a folder with
// alice, who finds it under Other Users and uses it as far as her rights
// go; the admin reads and changes ACLs by user/<name>.
func TestImapdACL(t *testing.T) {
	e := startImapd(t, "")
	out := python(t, e.addr, `
import imaplib, sys
imaplib.Commands["LISTRIGHTS"] = ("AUTH", "SELECTED")  # imaplib lacks it
def conn(user, pw):
    M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
    M.login(user, pw)
    return M
def raw(M, *args):
    typ, dat = M._simple_command(*args)
    return typ, [d.decode() if isinstance(d, bytes) else d for d in dat]

B = conn("bob", "builder")
caps = B.capability()[1][0].decode().split()
print("CAPS", " ".join(c for c in caps if c in ("ACL", "RIGHTS=kxten", "LIST-MYRIGHTS")))
B.create("Shared")
B.append("Shared", None, None, b"Subject: shared\r\n\r\nhello\r\n")
print("SETACL", B.setacl("Shared", "alice", "lrsi"))
print("GETACL", B.getacl("Shared"))
print("MYRIGHTS", B.myrights("Shared"))
typ, dat = raw(B, "LISTRIGHTS", "Shared", "alice")
print("LISTRIGHTS", typ, B.untagged_responses.pop("LISTRIGHTS", None))
try:
    B.setacl("Shared", "alice", "lrz")
except imaplib.IMAP4.error as e:
    print("BAD", e)

A = conn("alice", "wonderland")
print("NAMESPACE", A.namespace())
print("LIST", [l.decode() for l in A.list('""', '"Other Users/*"')[1]])
typ, dat = raw(A, "LIST", '""', '"Other Users/*"', "RETURN", "(MYRIGHTS)")
print("LISTMYRIGHTS", typ, A.untagged_responses.pop("MYRIGHTS", None))
print("ALICEMYRIGHTS", A.myrights('"Other Users/bob/Shared"'))
print("ALICEGETACL", A.getacl('"Other Users/bob/Shared"'))
print("SELECT", A.select('"Other Users/bob/Shared"'))
print("FETCH", A.fetch("1", "(FLAGS BODY[])")[1][0][1].decode().strip())
print("FLAGS", A.fetch("1", "FLAGS")[1])
print("STORE", A.store("1", "+FLAGS", "(\\Flagged)"))
print("APPEND", A.append('"Other Users/bob/Shared"', None, None, b"Subject: from alice\r\n\r\nhi\r\n")[0])
print("EXPUNGE", A.expunge()[0])
A.close()
print("INBOX", A.select('"Other Users/bob"'))
print("STATUS", B.status("Shared", "(MESSAGES)"))

print("DELETEACL", B.deleteacl("Shared", "alice"))
print("GONE", A.myrights('"Other Users/bob/Shared"'))

D = conn("admin", "adminpw")
print("ADMINACL", D.getacl("user/bob/Shared"))
print("ADMINRIGHTS", D.myrights("user/bob"))
print("ADMINDELETE", D.delete("user/bob")[0])
print("ADMINX", D.setacl("user/bob", "admin", "x"))
print("ADMINDELETE2", D.delete("user/bob"))
print("ADMINLIST", D.list('""', '"user/*"'))
`)
	mustContain(t, "imaplib ACL", out,
		"CAPS ACL LIST-MYRIGHTS RIGHTS=kxten",
		"SETACL ('OK', [b'SETACL completed'])",
		"GETACL ('OK', [b'Shared bob lrswipkxtecdan alice lrsi'])",
		"MYRIGHTS ('OK', [b'Shared lrswipkxtecdan'])",
		"LISTRIGHTS OK [b'Shared alice \"\" l r s w i p k x t e c d a n 0 1 2 3 4 5 6 7 8 9']",
		"BAD SETACL command error: BAD [b'The z right is not supported']",
		`NAMESPACE ('OK', [b'(("" "/")) (("Other Users/" "/")) NIL'])`,
		`LIST ['(\\HasNoChildren) "/" "Other Users/bob/Shared"']`,
		`LISTMYRIGHTS OK [b'"Other Users/bob/Shared" lrsi']`,
		`ALICEMYRIGHTS ('OK', [b'"Other Users/bob/Shared" lrsi'])`,
		"ALICEGETACL ('NO', [b'[NOPERM] Permission denied'])",
		"SELECT ('OK', [b'1'])",
		"FETCH Subject: shared",
		`FLAGS [b'1 (FLAGS (\\Seen \\Recent))']`,
		"STORE ('NO', [b'[NOPERM] Permission denied'])",
		"APPEND OK",
		"EXPUNGE NO",
		"INBOX ('NO', [b'[NONEXISTENT] Mailbox does not exist'])",
		"STATUS ('OK', [b'Shared (MESSAGES 2)'])",
		"DELETEACL ('OK', [b'DELETEACL completed'])",
		"GONE ('NO', [b'[NONEXISTENT] Mailbox does not exist'])",
		"ADMINACL ('OK', [b'user/bob/Shared bob lrswipkxtecdan'])",
		"ADMINRIGHTS ('OK', [b'user/bob la'])",
		"ADMINDELETE NO",
		"ADMINX ('OK', [b'SETACL completed'])",
		"ADMINDELETE2 ('OK', [b'DELETE completed'])",
		`ADMINLIST ('OK', [b'(\\HasNoChildren) "/" user/alice'])`)
}

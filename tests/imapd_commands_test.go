package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/tests/harness"
)

const pyCommands = `
import imaplib, sys
imaplib.Commands["ID"] = ("NONAUTH", "AUTH", "SELECTED")
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
def show(name, r):
    print(name, r[0], [x.decode(errors="replace") if isinstance(x, bytes) else repr(x) for x in r[1]])
show("NAMESPACE", M.namespace())
show("CREATE", M.create("Work/Reports"))
show("SUBSCRIBE", M.subscribe("Work/Reports"))
show("LSUB", M.lsub('""', "*"))
show("RENAME", M.rename("Work", "Job"))
show("LIST", M.list('""', "Job*"))
for i in range(3):
    M.append("INBOX", None, None, ("Subject: m%d\r\nFrom: x@example.com\r\n\r\nbody %d\r\n" % (i, i)).encode())
show("EXAMINE", M.select("INBOX", readonly=True))
show("EXAMINESTORE", M.store("1", "+FLAGS", r"(\Seen)"))
show("SELECT", M.select("INBOX"))
show("STORE", M.store("1:2", "+FLAGS", r"(\Deleted)"))
show("UIDSEARCH", M.uid("SEARCH", "DELETED"))
show("SEARCHSUBJ", M.search(None, "SUBJECT", "m2"))
show("COPY", M.copy("3", "Job/Reports"))
show("UIDMOVE", M.uid("MOVE", "3", "Job"))
show("CHECK", M.check())
show("EXPUNGE", M.expunge())
show("UIDFETCH", M.uid("FETCH", "1:*", "(FLAGS RFC822.SIZE INTERNALDATE)"))
show("STATUS", M.status("Job/Reports", "(MESSAGES UNSEEN UIDNEXT UIDVALIDITY SIZE)"))
show("CLOSE", M.close())
show("UNSUBSCRIBE", M.unsubscribe("Job/Reports"))
show("DELETE", M.delete("Job/Reports"))
show("ENABLE", M._simple_command("ENABLE", "UTF8=ACCEPT"))
show("ID", M._simple_command("ID", '("name" "imaplib")'))
M.logout()
`

func TestImapdPythonCommands(t *testing.T) {
	e := startImapd(t, "")
	out := python(t, e.addr, pyCommands)
	for _, want := range []string{
		`NAMESPACE OK ['(("" "/")) (("Other Users/" "/")) NIL']`,
		"CREATE OK", "SUBSCRIBE OK", `LSUB OK ['() "/" INBOX', '() "/" Work/Reports']`,
		"RENAME OK", `"/" Job/Reports`,
		"EXAMINE OK ['3']", "EXAMINESTORE NO",
		"SELECT OK ['3']", `STORE OK ['1 (FLAGS (\\Deleted \\Recent))'`,
		"UIDSEARCH OK ['1 2']", "SEARCHSUBJ OK ['3']",
		"COPY OK", "UIDMOVE OK", "CHECK OK", "EXPUNGE OK ['3', '2', '1']",
		"UIDFETCH OK", "MESSAGES 1 UIDNEXT 2", "UNSEEN 1 SIZE ",
		"CLOSE OK", "UNSUBSCRIBE OK", "DELETE OK", "ENABLE OK", "ID OK",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// Ten syntax errors in a row close the connection, as Cyrus; the worker
// lives on and serves the next client.
func TestImapdBadInputThenNextClient(t *testing.T) {
	e := startImapd(t, "")
	r := e.raw(t)
	r.line()
	for i := 0; i < 10; i++ {
		r.send("x GARBAGE")
		if l := r.line(); !strings.HasPrefix(l, "x BAD") {
			t.Fatalf("bad %d: %q", i, l)
		}
	}
	if l := r.line(); !strings.HasPrefix(l, "* BYE") {
		t.Fatalf("after 10 BAD: %q", l)
	}
	r2 := e.raw(t)
	if g := r2.line(); !strings.HasPrefix(g, "* OK [CAPABILITY") {
		t.Fatalf("next client: %q", g)
	}
}

// -N bypasses the password check; -p 2 lifts LOGINDISABLED.
func TestImapdFlagsNAndP(t *testing.T) {
	n := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	p := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	m := harness.Start(t, harness.Config{
		CyrusConf:  fmt.Sprintf("SERVICES {\n  nopw cmd=\"imapd -N\" listen=\"%s\" prefork=1\n  ssf cmd=\"imapd -p 2\" listen=\"%s\" prefork=1\n}\n", n, p),
		ImapdExtra: "partition-default: {dir}/part\nsasl_pwcheck_method: alwaystrue\nallowplaintext: no\n",
	})
	_ = m
	rn := (&imapdEnv{addr: n}).raw(t)
	if g := rn.line(); !strings.Contains(g, "LOGINDISABLED") {
		t.Fatalf("plaintext without TLS: %q", g)
	}
	rp := (&imapdEnv{addr: p}).raw(t)
	if g := rp.line(); strings.Contains(g, "LOGINDISABLED") {
		t.Fatalf("-p 2 greeting: %q", g)
	}
	rp.send("a LOGIN carol whatever")
	if l := rp.line(); !strings.HasPrefix(l, "a OK") {
		t.Fatalf("-p 2 LOGIN: %q", l)
	}
}

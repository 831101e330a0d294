package tests

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/corvusmail/corvus/tests/harness"
)

// imapd takes the worker library's -U: with -U 2 and one worker, two
// sessions share a pid and the third is served by a fresh worker. The pid
// is read from the session id in LOGIN's reply (servername-pid-…).
func TestImapdMaxUses(t *testing.T) {
	addr := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	m := harness.Start(t, harness.Config{
		CyrusConf: fmt.Sprintf("SERVICES {\n  imap cmd=\"imapd -U 2\" listen=\"%s\" prefork=1 maxchild=1\n}\n", addr),
		ImapdExtra: `partition-default: {dir}/part
sasl_pwcheck_method: auxprop
allowplaintext: yes
servername: e2e.example
`,
	})
	writePasswd(t, m, "alice", "wonderland")
	out := python(t, addr, `
import imaplib, sys, time
for i in range(3):
    M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
    typ, data = M.login("alice", "wonderland")
    print("SESSION", data[0].decode())
    M.logout()
    time.sleep(0.3)
`)
	re := regexp.MustCompile(`SESSION .*e2e\.example-(\d+)-`)
	var pids []string
	for _, mm := range re.FindAllStringSubmatch(out, -1) {
		pids = append(pids, mm[1])
	}
	if len(pids) != 3 {
		t.Fatalf("want 3 session ids, got %v in:\n%s", pids, out)
	}
	if pids[0] != pids[1] || pids[2] == pids[0] {
		t.Fatalf("worker pids %v: want the first two equal (-U 2) and the third new", pids)
	}
}

// writePasswd puts one user in the test's {dir}/corvus.passwd.
func writePasswd(t *testing.T, m *harness.Master, user, pw string) {
	t.Helper()
	line, _ := passwdLine(t, user, pw)
	path := m.Dir + "/corvus.passwd"
	if err := writeFile0600(path, line+"\n"); err != nil {
		t.Fatal(err)
	}
	chownCyrus(t, path)
}

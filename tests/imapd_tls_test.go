package tests

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/testcert"
	"github.com/corvusmail/corvus/tests/harness"
)

// writeCert writes a self-signed certificate and key for 127.0.0.1 and
// returns their paths.
func writeCert(t *testing.T, dir string) (cert, key string) {
	t.Helper()
	return testcert.New(t).Write(t, dir)
}

const pyTLS = `
import imaplib, ssl, sys
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
host, port, sport = sys.argv[1], int(sys.argv[2]), int(open(sys.argv[0] + ".imaps").read())
M = imaplib.IMAP4(host, port)
print("PRE", M.capabilities)
try:
    M.login("alice", "wonderland")
    print("PLAINLOGIN accepted")
except imaplib.IMAP4.error as e:
    print("PLAINLOGIN refused", e)
M = imaplib.IMAP4(host, port)
print("STARTTLS", M.starttls(ssl_context=ctx)[0])
print("LOGIN", M.login("alice", "wonderland")[0])
M.logout()
S = imaplib.IMAP4_SSL(host, sport, ssl_context=ctx)
print("IMAPS", S.welcome.decode()[:4], S.login("alice", "wonderland")[0])
S.logout()
`

func TestImapdStartTLSAndImaps(t *testing.T) {
	imap := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	imaps := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	certDir := t.TempDir()
	os.Chmod(certDir, 0o755)
	cert, key := writeCert(t, certDir)
	chownCyrus(t, key)
	m := harness.Start(t, harness.Config{
		CyrusConf: fmt.Sprintf("SERVICES {\n  imap cmd=\"imapd\" listen=\"%s\" prefork=1\n  imaps cmd=\"imapd -s\" listen=\"%s\" prefork=1\n}\n", imap, imaps),
		ImapdExtra: fmt.Sprintf(`partition-default: {dir}/part
sasl_pwcheck_method: auxprop
corvus_passwd_file: {dir}/corvus.passwd
allowplaintext: no
tls_server_cert: %s
tls_server_key: %s
`, cert, key),
	})
	l, _ := passwdLine(t, "alice", "wonderland")
	pw := filepath.Join(m.Dir, "corvus.passwd")
	os.WriteFile(pw, []byte(l+"\n"), 0o600)
	chownCyrus(t, pw)
	_, sport, _ := net.SplitHostPort(imaps)
	script := filepath.Join(t.TempDir(), "tls.py")
	os.WriteFile(script, []byte(pyTLS), 0o644)
	os.WriteFile(script+".imaps", []byte(sport), 0o644)
	out := pythonFile(t, imap, script)
	for _, want := range []string{"'STARTTLS'", "'LOGINDISABLED'", "PLAINLOGIN refused", "STARTTLS OK", "LOGIN OK", "IMAPS * OK OK"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

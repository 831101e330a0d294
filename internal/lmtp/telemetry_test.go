package lmtp

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readLogs returns the telemetry files of user, by name.
func readLogs(t *testing.T, dir, user string) map[string]string {
	t.Helper()
	ents, _ := os.ReadDir(filepath.Join(dir, "log", user))
	out := map[string]string{}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, "log", user, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// A recipient whose user has telemetry on gets the transaction that
// delivered to them (from MAIL to the replies), not the others'.
func TestTelemetryRecipient(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "log", "bob"), 0o700)
	h := start(t, func(o *Options) { o.ConfigDir, o.Ident = dir, "lmtp" })
	h.hello()
	h.send("MAIL FROM:<s@a>\r\nRCPT TO:<alice@b>\r\nRCPT TO:<bob@b>\r\nDATA\r\n")
	h.expect("250 2.1.0")
	h.expect("250 2.1.5")
	h.expect("250 2.1.5")
	h.expect("354")
	h.send("Subject: first\r\n\r\nfor bob and alice\r\n.\r\n")
	h.expect("250 2.1.5")
	h.expect("250 2.1.5")
	h.send("MAIL FROM:<s@a>\r\nRCPT TO:<alice@b>\r\nDATA\r\n")
	h.expect("250")
	h.expect("250")
	h.expect("354")
	h.send("Subject: second\r\n\r\nalice only\r\n.\r\n")
	h.expect("250 2.1.5")
	h.cmd("QUIT", "221")
	h.wait()

	logs := readLogs(t, dir, "bob")
	if len(logs) != 1 {
		t.Fatalf("bob has %d telemetry files, want 1", len(logs))
	}
	for name, text := range logs {
		if !strings.HasPrefix(name, "lmtp-") {
			t.Errorf("file %q", name)
		}
		for _, want := range []string{"---------- bob ", "MAIL FROM:<s@a>", "RCPT TO:<bob@b>", "for bob and alice", ">", "250 2.1.5 Ok SESSIONID="} {
			if !strings.Contains(text, want) {
				t.Errorf("bob's log lacks %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "alice only") {
			t.Errorf("bob's log has the transaction he was not in:\n%s", text)
		}
	}
	if logs := readLogs(t, dir, "alice"); len(logs) != 0 {
		t.Errorf("alice has telemetry files without log/alice/: %v", logs)
	}
	if info, err := os.Stat(filepath.Join(dir, "log", "bob")); err == nil {
		ents, _ := os.ReadDir(filepath.Join(dir, "log", "bob"))
		fi, _ := ents[0].Info()
		if fi.Mode().Perm() != 0o600 || !info.IsDir() {
			t.Errorf("telemetry file mode %v", fi.Mode())
		}
	}
}

// The client identity of a pre-authorised connection gets the whole
// session, with SASL data masked.
func TestTelemetryClient(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "log", "postfix"), 0o700)
	h := start(t, func(o *Options) {
		o.ConfigDir, o.Ident = dir, "lmtp"
		o.PeerIdentity = func(net.Conn) string { return "postfix" }
	})
	h.hello()
	secret := plain("", "alice", "secret")
	h.cmd("AUTH PLAIN "+secret, "502")
	h.cmd("NOOP", "250")
	h.cmd("QUIT", "221")
	h.wait()
	logs := readLogs(t, dir, "postfix")
	if len(logs) != 1 {
		t.Fatalf("postfix has %d telemetry files, want 1", len(logs))
	}
	for _, text := range logs {
		if strings.Contains(text, secret) || !strings.Contains(text, "AUTH PLAIN ***") {
			t.Errorf("SASL data not masked:\n%s", text)
		}
		for _, want := range []string{"LHLO client.test", "NOOP", "221", "---------- rusage"} {
			if !strings.Contains(text, want) {
				t.Errorf("client log lacks %q:\n%s", want, text)
			}
		}
	}
}

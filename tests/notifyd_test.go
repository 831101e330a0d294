package tests

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/notify"
	"github.com/corvusmail/corvus/tests/harness"
)

// TestNotifydUnderMaster runs notifyd as Cyrus's cyrus.conf does (a udp
// service on a unix datagram socket) and sends it what lmtpd sends: the
// external method runs notify_external with Cyrus's arguments and the
// message on standard input; a malformed datagram is dropped and the
// worker goes on serving.
func TestNotifydUnderMaster(t *testing.T) {
	dir := harness.NewDir(t)
	out := filepath.Join(dir, "notified")
	script := filepath.Join(dir, "notify-external")
	body := "#!/bin/sh\n{ echo \"$@\"; cat; } >> " + out + "\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	m := harness.StartIn(t, dir, harness.Config{
		CyrusConf:  "SERVICES {\n  notify cmd=\"notifyd -m null\" listen=\"{dir}/socket/notify\" proto=\"udp\" prefork=1\n}\n",
		ImapdExtra: "notify_external: " + script + "\n",
	})
	sock := filepath.Join(m.Dir, "socket", "notify")
	s := notify.NewSender(sock)
	s.Timeout = 2 * time.Second
	ctx := context.Background()
	if err := s.Send(ctx, notify.Notification{Method: "bogus", Message: "x"}); err != nil {
		t.Fatal(err)
	}
	sendRaw(t, sock, []byte("not\x00a datagram"))
	n := notify.Notification{Method: "external", Class: "MAIL", Priority: "normal",
		User: "alice", Mailbox: "INBOX", Message: "From: bob Subject: hi"}
	if err := s.Send(ctx, n); err != nil {
		t.Fatal(err)
	}
	var got string
	harness.WaitFor(t, 10*time.Second, "notify_external to run", func() bool {
		b, _ := os.ReadFile(out)
		got = string(b)
		return strings.Contains(got, "From: bob")
	})
	if !strings.Contains(got, "-c MAIL -p normal -u alice -m INBOX") {
		t.Errorf("notify_external arguments: %q", got)
	}
	if ws := m.Workers("notify"); len(ws) == 0 {
		t.Errorf("no notifyd worker left after bad datagrams; log:\n%s", m.Log())
	}
}

// sendRaw writes one datagram to a unix datagram socket.
func sendRaw(t *testing.T, sock string, b []byte) {
	t.Helper()
	c, err := net.Dial("unixgram", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write(b); err != nil {
		t.Fatal(err)
	}
}

package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// TestLmtpdAutocreateQuotaNotify: with autocreate_post, concurrent first
// deliveries to a new user both succeed (Debian's Cyrus 3.6 answers one
// of them 451); the autocreated quota then refuses that user with Cyrus's
// 452 4.2.2 while another recipient of the same message is delivered; and
// each stored delivery reaches notifyd's mailnotifier method.
func TestLmtpdAutocreateQuotaNotify(t *testing.T) {
	dir := harness.NewDir(t)
	notified := filepath.Join(dir, "notified")
	script := filepath.Join(dir, "notify-external")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho \"$@\" >> "+notified+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	e := startLmtpdIn(t, dir, "-a", `autocreate_post: yes
autocreate_quota: 4
autocreate_inbox_folders: Drafts | Sent
mailnotifier: external
notify_external: `+script+"\n",
		`  notify cmd="notifyd" listen="{dir}/socket/notify" proto="udp" prefork=1`+"\n")

	var wg sync.WaitGroup
	outs := make([]string, 2)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i] = runLMTP(t, e.unix, []string{"carol"}, message(fmt.Sprint("first", i), "hello carol"), "")
		}()
	}
	wg.Wait()
	for i, out := range outs {
		mustContain(t, fmt.Sprintf("concurrent first delivery %d", i), out, "RCPT carol 250", "REPLY 250")
	}
	// carol is now over her 4 KiB: one more message of 5 KB is refused
	// at RCPT, for her only.
	e.count(t, "alice", "wonderland", "INBOX")
	big := message("big", strings.Repeat("x", 5000))
	out := runLMTP(t, e.unix, []string{"carol", "alice"}, big, "")
	out2 := runLMTP(t, e.unix, []string{"carol", "alice"}, message("big2", strings.Repeat("y", 5000)), "")
	mustContain(t, "over quota", out+out2, "RCPT carol 452 4.2.2", "RCPT alice 250")

	var got string
	harness.WaitFor(t, 10*time.Second, "mailnotifier to reach notify_external", func() bool {
		b, _ := os.ReadFile(notified)
		got = string(b)
		return strings.Count(got, "-u carol") >= 2 && strings.Contains(got, "-u alice")
	})
	mustContain(t, "notify_external", got, "-c MAIL", "-m INBOX")
}

// startLmtpdIn is startLmtpd in a directory prepared by the test, with
// more SERVICES lines.
func startLmtpdIn(t *testing.T, dir, lmtpFlags, extra, services string) *lmtpEnv {
	t.Helper()
	tcp := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	services += fmt.Sprintf("  lmtp cmd=\"lmtpd %s\" listen=\"%s\" prefork=1\n", lmtpFlags, tcp) +
		"  lmtpunix cmd=\"lmtpd\" listen=\"{dir}/socket/lmtp\" prefork=0\n"
	e := startSuiteIn(t, dir, services, extra)
	return &lmtpEnv{imapdEnv: e, tcp: tcp, unix: filepath.Join(e.m.Dir, "socket", "lmtp")}
}

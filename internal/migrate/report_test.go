package migrate

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestReport(t *testing.T) {
	ok := &UserReport{User: "alice", Mailboxes: 4, Created: 4, Copied: 12, Flags: 1, Expunged: 2, Bytes: 3000,
		Quota: true, Duration: 1500 * time.Millisecond}
	ok.Warnf("Sent: ACL not copied")
	bad := &UserReport{User: "bob", Copied: 3}
	bad.Errorf("connect: %s", "refused")
	tests := []struct {
		r    *UserReport
		want []string
	}{
		{ok, []string{"alice: warning: Sent: ACL not copied\n", "alice: ok mailboxes=4 created=4 ", " copied=12 flags=1 expunged=2 ", "quota=set bytes=3000 time=1.5s\n"}},
		{bad, []string{"bob: error: connect: refused\n", "bob: FAILED ", "quota=kept"}},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		tt.r.Write(&b)
		for _, w := range tt.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("report of %s lacks %q:\n%s", tt.r.User, w, b.String())
			}
		}
	}
	all := &Report{Users: []*UserReport{ok, bad}, Time: 3 * time.Second, DryRun: true}
	want := "dry run, nothing changed: total: users=2 failed=1 copied=15 flags=1 expunged=2 bytes=3000 time=3s rate=5.0 msg/s"
	if got := all.Total(); got != want {
		t.Errorf("Total() = %q, want %q", got, want)
	}
}

func TestProgressPlain(t *testing.T) {
	var b syncBuffer
	p := NewProgress(&b, false, 30*time.Millisecond, 2)
	p.Mailbox("alice", "INBOX", 10)
	p.Copied(4, 2048)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(b.String(), "alice INBOX 4/10") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	p.Stop()
	if got := b.String(); !strings.Contains(got, "progress: users 0/2, alice INBOX 4/10, 4 messages copied (2.0 KB)") {
		t.Errorf("progress lines:\n%s", got)
	}
}

func TestProgressBar(t *testing.T) {
	p := &Progress{allUsers: 3, user: "bob", box: "Sent", boxDone: 5, boxTotal: 10, start: time.Now()}
	got := p.barLocked(p.start)
	if !strings.HasPrefix(got, "[############............] 5/10 bob Sent | user 1/3") {
		t.Errorf("bar = %q", got)
	}
}

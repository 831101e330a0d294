package tests

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// grantPost gives "anyone" the post right on user's mailbox, as an admin's
// SETACL would (cyradm's sam; the ACL commands arrive with the
// Cyrus-parity issue), then hands the files back to the cyrus user.
func (e *lmtpEnv) grantPost(t *testing.T, user, mbox string) {
	t.Helper()
	part := filepath.Join(e.m.Dir, "part")
	st, err := sqlite.Open(sqlite.Options{Partition: part})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	a, err := st.Open(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	mb, err := a.Mailbox(ctx, mbox)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mb.SetRights(ctx, "anyone", imap.RightModificationAdd, imap.RightSet("p")); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("chown", "-R", "--reference="+e.m.Dir, part).CombinedOutput(); err != nil {
		t.Fatalf("chown: %v %s", err, out)
	}
}

// TestLmtpdPlusAddressing: user+detail goes to the detail mailbox when
// anyone may post there (the p right), else to INBOX, as Cyrus does.
func TestLmtpdPlusAddressing(t *testing.T) {
	e := startLmtpd(t, "-a", "")
	python(t, e.addr, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
M.create("Lists")
M.create("Private")
`)
	e.grantPost(t, "alice", "Lists")
	for _, rcpt := range []string{"alice+Lists", "alice+Private", "alice+Nowhere@e2e.example"} {
		mustContain(t, rcpt, runLMTP(t, e.tcp, []string{rcpt}, message(rcpt, "detail "+rcpt), ""), "REPLY 250")
	}
	mustContain(t, "Lists (p for anyone)", e.count(t, "alice", "wonderland", "Lists"), "1")
	mustContain(t, "Private (no p right)", e.count(t, "alice", "wonderland", "Private"), "0")
	mustContain(t, "INBOX (fallbacks)", e.count(t, "alice", "wonderland", "INBOX"), "2")
}

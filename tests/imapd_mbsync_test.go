package tests

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// mbsync (Debian's isync) as a real sync client: it syncs a user's
// mailboxes to a local Maildir, then pushes a new local message and a
// local flag change back, and a second run finds nothing to do.
func TestImapdMbsyncRoundTrip(t *testing.T) {
	if _, err := exec.LookPath("mbsync"); err != nil {
		t.Fatal("mbsync not installed (Debian package isync; .ci/run installs it)")
	}
	e := startImapd(t, "")
	// Server side: two messages in INBOX and one in a folder, via imaplib.
	python(t, e.addr, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
M.create("Projects")
M.append("INBOX", None, None, b"Subject: one\r\nMessage-ID: <one@x>\r\n\r\nfirst\r\n")
M.append("INBOX", r"(\Flagged)", None, b"Subject: two\r\nMessage-ID: <two@x>\r\n\r\nsecond\r\n")
M.append("Projects", None, None, b"Subject: three\r\nMessage-ID: <three@x>\r\n\r\nthird\r\n")
M.logout()
`)
	dir := t.TempDir()
	maildir := filepath.Join(dir, "mail")
	if err := os.MkdirAll(maildir, 0o700); err != nil { // mbsync creates folders, not the store
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(e.addr)
	rc := filepath.Join(dir, "mbsyncrc")
	cfg := fmt.Sprintf(`IMAPAccount corvus
Host %s
Port %s
User alice
Pass wonderland
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account corvus

MaildirStore local
Path %s/
Inbox %s/INBOX
SubFolders Verbatim

Channel all
Far :remote:
Near :local:
Patterns *
Create Both
Expunge Both
SyncState *
`, host, port, maildir, maildir)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	sync := func() string {
		t.Helper()
		return runMbsync(t, rc)
	}
	sync()
	count := func(folder string) int {
		n := 0
		for _, sub := range []string{"cur", "new"} {
			ents, _ := os.ReadDir(filepath.Join(maildir, folder, sub))
			n += len(ents)
		}
		return n
	}
	if count("INBOX") != 2 || count("Projects") != 1 {
		t.Fatalf("pulled INBOX=%d Projects=%d, want 2 and 1", count("INBOX"), count("Projects"))
	}
	// The \Flagged message arrives with the Maildir F flag.
	flagged, _ := filepath.Glob(filepath.Join(maildir, "INBOX", "*", "*:2,*F*"))
	if len(flagged) != 1 {
		all, _ := filepath.Glob(filepath.Join(maildir, "INBOX", "*", "*"))
		t.Fatalf("flagged messages in Maildir: %v (all: %v)", flagged, all)
	}
	// A new local message and a \Seen flag go back to the server.
	local := filepath.Join(maildir, "Projects", "new", "1700000000.local.host")
	if err := os.WriteFile(local, []byte("Subject: four\r\nMessage-ID: <four@x>\r\n\r\nfrom the laptop\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sync()
	out := python(t, e.addr, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
M.select("Projects", readonly=True)
typ, data = M.search(None, "SUBJECT", "four")
print("FOUR", data[0].decode())
typ, data = M.fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
print("SUBJECTS", b" ".join(d[1].strip() for d in data if isinstance(d, tuple)).decode())
M.logout()
`)
	if !strings.Contains(out, "FOUR 2") || !strings.Contains(out, "Subject: three") || !strings.Contains(out, "Subject: four") {
		t.Fatalf("local message not pushed to the server:\n%s", out)
	}
	// Nothing left to do: a third run changes nothing locally.
	sync()
	if count("INBOX") != 2 || count("Projects") != 2 {
		t.Fatalf("after a no-op sync INBOX=%d Projects=%d, want 2 and 2", count("INBOX"), count("Projects"))
	}
}

package tests

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	_ "modernc.org/sqlite" // to damage a database as only a careless admin would

	"github.com/corvusmail/corvus/tests/harness"
)

// adminTool returns the path of one of the admin tools (reconstruct,
// quota, ipurge), which the harness builds with the servers.
func adminTool(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(harness.Bin(t), name)
}

// runTool runs an admin tool on the suite's imapd.conf (as root it
// becomes the cyrus user, as the workers are), bounded to a minute, and
// returns its output and exit status.
func (e *imapdEnv) runTool(t *testing.T, name string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	args = append([]string{"-C", filepath.Join(e.m.Dir, "imapd.conf")}, args...)
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, adminTool(t, name), args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.String(), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out.String(), 0
}

// login opens an imapclient session as user.
func (e *imapdEnv) login(t *testing.T, user, pass string) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(e.addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(user, pass).Wait(); err != nil {
		t.Fatalf("LOGIN %s: %v", user, err)
	}
	return c
}

// appendMsg appends one message and waits a little, so that message
// files are written at distinct times.
func appendMsg(t *testing.T, c *imapclient.Client, box string, msg []byte, opts *imap.AppendOptions) imap.UID {
	t.Helper()
	cmd := c.Append(box, int64(len(msg)), opts)
	if _, err := cmd.Write(msg); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	res, err := cmd.Wait()
	if err != nil {
		t.Fatalf("APPEND to %s: %v", box, err)
	}
	time.Sleep(20 * time.Millisecond)
	return res.UID
}

// mailboxContent selects box and returns its UIDVALIDITY and every
// message's UID, flags and bytes in UID order.
func mailboxContent(t *testing.T, c *imapclient.Client, box string) (uint32, []*imapclient.FetchMessageBuffer) {
	t.Helper()
	sel, err := c.Select(box, nil).Wait()
	if err != nil {
		t.Fatalf("SELECT %s: %v", box, err)
	}
	if sel.NumMessages == 0 {
		return sel.UIDValidity, nil
	}
	msgs, err := c.Fetch(imap.UIDSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{
		UID: true, Flags: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}},
	}).Collect()
	if err != nil {
		t.Fatalf("FETCH %s: %v", box, err)
	}
	slices.SortFunc(msgs, func(a, b *imapclient.FetchMessageBuffer) int { return int(a.UID) - int(b.UID) })
	return sel.UIDValidity, msgs
}

func bodyOf(m *imapclient.FetchMessageBuffer) string {
	return string(m.FindBodySection(&imap.FetchItemBodySection{}))
}

func testMessage(i int) []byte {
	return []byte(fmt.Sprintf("From: sender@example.org\r\nTo: alice@example.org\r\nSubject: reconstruct %d\r\n"+
		"Message-ID: <r%d@example.org>\r\n\r\nline one of %d\r\nline two\r\n", i, i, i))
}

// aliceDB is the path of alice's database in the suite's partition.
func (e *imapdEnv) aliceDB() string {
	return filepath.Join(e.m.Dir, "part", "a", "user", "alice", "corvus.db")
}

// The database deleted under a running master: reconstruct brings every
// message back, byte for byte, in the order they arrived, under a new
// UIDVALIDITY. Deleting the files is safe here because no session of
// alice is open at that moment: a worker that still had the database open
// notices at the next login that the file at the path is another one and
// opens it again. A session open during the damage would go on writing
// into the deleted file until its logout, and lose what it wrote (but
// not the message files, which a later reconstruct adds back).
func TestReconstructLostDatabase(t *testing.T) {
	e := startImapd(t, "")
	c := e.login(t, "alice", "wonderland")
	if err := c.Create("Work", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 6 {
		box := []string{"INBOX", "Work"}[i%2]
		flags := []imap.Flag{imap.FlagSeen, imap.FlagFlagged, "$Work"}[:i%3]
		appendMsg(t, c, box, testMessage(i), &imap.AppendOptions{Flags: flags})
		want = append(want, string(testMessage(i)))
	}
	oldValidity, before := mailboxContent(t, c, "INBOX")
	if len(before) != 3 {
		t.Fatalf("INBOX before: %d messages", len(before))
	}
	c.Logout().Wait()

	for _, ext := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(e.aliceDB() + ext); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	out, rc := e.runTool(t, "reconstruct", "-u", "alice")
	if rc != 0 || !strings.Contains(out, "user/alice: rebuilt: the database is missing") || strings.Count(out, ": added: ") != 6 {
		t.Fatalf("reconstruct: exit %d\n%s", rc, out)
	}
	t.Logf("reconstruct said:\n%s", out)

	c = e.login(t, "alice", "wonderland")
	validity, after := mailboxContent(t, c, "INBOX")
	if validity <= oldValidity {
		t.Errorf("UIDVALIDITY %d after rebuild, was %d: must grow", validity, oldValidity)
	}
	var got []string
	for i, m := range after {
		got = append(got, bodyOf(m))
		if m.UID != imap.UID(i+1) {
			t.Errorf("message %d has UID %d", i, m.UID)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("INBOX after reconstruct:\n%q\nwant (arrival order)\n%q", got, want)
	}
	// The account works on: a new message gets the next UID.
	if uid := appendMsg(t, c, "INBOX", testMessage(99), nil); uid != 7 {
		t.Errorf("APPEND after rebuild got UID %d, want 7", uid)
	}
	if out, rc := e.runTool(t, "reconstruct", "-q", "-grace", "0"); rc != 0 || out != "" {
		t.Errorf("second reconstruct found more to do: exit %d\n%s", rc, out)
	}
}

// A damaged database (a table dropped) under a running master, with a
// message file deleted and a stray one added: the damaged database is
// salvaged (mailboxes, UIDs, UIDVALIDITY, flags kept), the message
// without its file is removed, the stray file becomes a message of INBOX.
func TestReconstructDamagedDatabase(t *testing.T) {
	e := startImapd(t, "")
	c := e.login(t, "alice", "wonderland")
	if err := c.Create("Work", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		appendMsg(t, c, "Work", testMessage(i), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagFlagged}})
	}
	validity, before := mailboxContent(t, c, "Work")
	c.Logout().Wait()

	db, err := sql.Open("sqlite", e.aliceDB())
	if err != nil {
		t.Fatal(err)
	}
	var file string
	err = db.QueryRow(`SELECT c.file FROM contents c JOIN messages m ON m.content = c.id
		JOIN mailboxes b ON b.id = m.mailbox WHERE b.name = 'Work' AND m.uid = 2`).Scan(&file)
	if err == nil {
		_, err = db.Exec("DROP TABLE duplicates")
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	userDir := filepath.Dir(e.aliceDB())
	if err := os.Remove(filepath.Join(userDir, "msg", file[:2], file)); err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(userDir, "msg", "ab", "ab"+strings.Repeat("0", 30))
	if err := os.WriteFile(stray, testMessage(50), 0o640); err != nil {
		t.Fatal(err)
	}
	chownCyrus(t, stray)
	old := time.Now().Add(-3 * time.Hour) // older than reconstruct's grace
	os.Chtimes(stray, old, old)

	out, rc := e.runTool(t, "reconstruct", "-r", "user/alice")
	if rc != 0 || !strings.Contains(out, "user/alice/Work: salvaged") || !strings.Contains(out, "user/alice/Work: missing: UID 2") ||
		!strings.Contains(out, "user/alice: added: UID 1") {
		t.Fatalf("reconstruct: exit %d\n%s", rc, out)
	}
	t.Logf("reconstruct said:\n%s", out)

	c = e.login(t, "alice", "wonderland")
	// A stray file the database did not know: the salvage may be older
	// than the mail, so Work gets a new UIDVALIDITY; UIDs and flags stay.
	newValidity, after := mailboxContent(t, c, "Work")
	if newValidity <= validity || len(after) != 3 {
		t.Fatalf("Work: UIDVALIDITY %d (was %d), %d messages", newValidity, validity, len(after))
	}
	for i, m := range after {
		w := before[[]int{0, 2, 3}[i]]
		if m.UID != w.UID || bodyOf(m) != bodyOf(w) || !slices.Contains(m.Flags, imap.FlagFlagged) {
			t.Errorf("Work message %d: UID %d flags %v, want UID %d flagged", i, m.UID, m.Flags, w.UID)
		}
	}
	if _, inbox := mailboxContent(t, c, "INBOX"); len(inbox) != 1 || bodyOf(inbox[0]) != string(testMessage(50)) {
		t.Errorf("stray file not in INBOX: %d messages", len(inbox))
	}
}

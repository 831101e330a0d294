package tests

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/corvusmail/corvus/tests/cyrusserver"
	"github.com/corvusmail/corvus/tests/harness"
)

// migrateEnv is a private Cyrus with alice, bob and admin, and a Corvus
// started by the harness to migrate them into.
type migrateEnv struct {
	cy     *cyrusserver.Server
	corvus *imapdEnv
	pwfile string
}

var cyrusUsers = map[string]string{"alice": "alice-cyrus", "bob": "bob-cyrus", "admin": "admin-cyrus"}

func startMigrateEnv(t *testing.T) *migrateEnv {
	t.Helper()
	p := cyrusserver.Require(t)
	cy := cyrusserver.Start(t, p, cyrusserver.Config{Users: cyrusUsers, Admins: []string{"admin"}})
	e := &migrateEnv{cy: cy, corvus: startImapd(t, ""), pwfile: filepath.Join(t.TempDir(), "pw")}
	if err := os.WriteFile(e.pwfile, []byte(cyrusUsers["admin"]+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return e
}

// cyrusLogin opens an imapclient session on Cyrus.
func (e *migrateEnv) cyrusLogin(t *testing.T, user string) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(e.cy.IMAP, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(user, cyrusUsers[user]).Wait(); err != nil {
		t.Fatalf("Cyrus LOGIN %s: %v\n%s", user, err, e.cy.Log())
	}
	return c
}

// migrate runs imapmigrate as the admin for the users, bounded to five
// minutes, and returns the report lines by user ("total" for the sum).
func (e *migrateEnv) migrate(t *testing.T, args ...string) map[string]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args = append([]string{"-C", filepath.Join(e.corvus.m.Dir, "imapd.conf"), "-h", e.cy.IMAP,
		"-a", "admin", "-w", e.pwfile}, args...)
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, filepath.Join(harness.Bin(t), "imapmigrate"), args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	t.Logf("imapmigrate %v:\n%s%s", args[6:], out.String(), errOut.String())
	var exit *exec.ExitError
	if errors.As(err, &exit) || err != nil {
		t.Fatalf("imapmigrate: %v\n%s\n%s\nCyrus log:\n%s", err, out.String(), errOut.String(), e.cy.Log())
	}
	lines := map[string]string{}
	for _, l := range strings.Split(out.String(), "\n") {
		if u, rest, ok := strings.Cut(l, ": "); ok && !strings.Contains(rest, "warning:") && !strings.Contains(rest, "error:") {
			lines[u] = rest
		}
	}
	return lines
}

var reportField = regexp.MustCompile(`(\w+)=(\S+)`)

// counts reads the key=value pairs of a report line.
func counts(t *testing.T, line string) map[string]int {
	t.Helper()
	if line == "" {
		t.Fatal("no report line")
	}
	out := map[string]int{}
	for _, m := range reportField.FindAllStringSubmatch(line, -1) {
		if n, err := strconv.Atoi(m[2]); err == nil {
			out[m[1]] = n
		}
	}
	return out
}

// migrateMessage is test message i.
func migrateMessage(i int) []byte {
	return []byte(fmt.Sprintf("From: Sender <sender@example.org>\r\nTo: alice@example.org\r\nSubject: migrate %d\r\n"+
		"Date: Mon, 1 Feb 2021 10:00:%02d +0100\r\nMessage-ID: <m%d@example.org>\r\n\r\nbody of %d\r\n.leading dot\r\n", i, i%60, i, i))
}

// populate fills Cyrus as real clients would: deliveries over LMTP,
// folders, appends with flags and internal dates, a keyword, an expunge,
// an ACL, subscriptions, and a quota set by the admin.
func (e *migrateEnv) populate(t *testing.T) {
	t.Helper()
	for i, rcpt := range []string{"alice", "alice", "bob"} {
		if err := e.cy.Deliver(rcpt, migrateMessage(i)); err != nil {
			t.Fatalf("deliver to %s: %v\n%s", rcpt, err, e.cy.Log())
		}
	}
	c := e.cyrusLogin(t, "alice")
	for _, box := range []string{"Sent", "Work", "Work/Projects"} {
		if err := c.Create(box, nil).Wait(); err != nil {
			t.Fatalf("CREATE %s: %v", box, err)
		}
	}
	for _, box := range []string{"INBOX", "Sent", "Work/Projects"} {
		if err := c.Subscribe(box).Wait(); err != nil {
			t.Fatal(err)
		}
	}
	zone := time.FixedZone("", 5*3600+1800)
	appends := []struct {
		box   string
		flags []imap.Flag
	}{
		{"Sent", []imap.Flag{imap.FlagSeen}},
		{"Sent", []imap.Flag{imap.FlagSeen, imap.FlagAnswered}},
		{"Work/Projects", []imap.Flag{imap.FlagFlagged, "$Project"}},
		{"Work/Projects", []imap.Flag{imap.FlagDeleted}},
		{"Work/Projects", nil},
		{"Work", []imap.Flag{imap.FlagDraft}},
	}
	for i, a := range appends {
		when := time.Date(2020, 6, 1+i, 12, 30, 0, 0, zone)
		appendMsg(t, c, a.box, migrateMessage(10+i), &imap.AppendOptions{Flags: a.flags, Time: when})
	}
	// A hole in the UIDs of Work/Projects: UID 2 expunged at the source.
	if _, err := c.Select("Work/Projects", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.UIDExpunge(imap.UIDSetNum(2)).Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Store(imap.UIDSetNum(1), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
		Flags: []imap.Flag{imap.FlagSeen, imap.FlagFlagged, "$Important"}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.SetACL("Work", "bob", imap.RightModificationReplace, imap.RightSet("lrs")).Wait(); err != nil {
		t.Fatalf("SETACL: %v", err)
	}
	admin := e.cyrusLogin(t, "admin")
	if err := admin.SetQuota("user/alice", map[imap.QuotaResourceType]int64{imap.QuotaResourceStorage: 10240}).Wait(); err != nil {
		t.Fatalf("SETQUOTA: %v", err)
	}
}

// compare logs in as user on both servers (as the admin on Corvus, whose
// password file knows other passwords) and compares every mailbox.
func (e *migrateEnv) compare(t *testing.T, user, corvusPass string) {
	t.Helper()
	want := snapshot(t, e.cyrusLogin(t, user))
	got := snapshot(t, e.corvus.login(t, user, corvusPass))
	if len(want.Boxes) == 0 {
		t.Fatalf("%s has no mailboxes in Cyrus", user)
	}
	compareUsers(t, user, want, got)
}

// The whole account moves: every mailbox compared over IMAP between the
// two servers, then a second run that copies nothing, then one that
// copies exactly what changed at the source.
func TestMigrateFromCyrus(t *testing.T) {
	e := startMigrateEnv(t)
	e.populate(t)
	rep := e.migrate(t, "alice", "bob")
	a := counts(t, rep["alice"])
	if a["mailboxes"] != 4 || a["created"] != 4 || a["copied"] != 7 || !strings.HasPrefix(rep["alice"], "ok ") {
		t.Errorf("first run, alice: %s; want ok, 4 mailboxes created, 7 messages copied", rep["alice"])
	}
	e.compare(t, "alice", "wonderland")
	e.compare(t, "bob", "builder")

	rep = e.migrate(t, "alice", "bob")
	for _, u := range []string{"alice", "bob"} {
		c := counts(t, rep[u])
		if c["copied"] != 0 || c["flags"] != 0 || c["expunged"] != 0 || c["unchanged"] != c["mailboxes"] {
			t.Errorf("second run, %s: %s; want nothing copied, every mailbox unchanged", u, rep[u])
		}
	}

	cy := e.cyrusLogin(t, "alice")
	appendMsg(t, cy, "Work/Projects", migrateMessage(40), &imap.AppendOptions{Flags: []imap.Flag{"$Later"}})
	if _, err := cy.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := cy.Store(imap.UIDSetNum(2), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
		Flags: []imap.Flag{imap.FlagAnswered}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cy.Select("Sent", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := cy.Store(imap.UIDSetNum(1), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
		Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := cy.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	// A client of Corvus has the mailbox open while the run copies.
	live := e.corvus.login(t, "alice", "wonderland")
	sel, err := live.Select("Work/Projects", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	rep = e.migrate(t, "alice")
	c := counts(t, rep["alice"])
	if c["copied"] != 1 || c["flags"] != 1 || c["expunged"] != 1 {
		t.Errorf("third run: %s; want copied=1 flags=1 expunged=1", rep["alice"])
	}
	harness.WaitFor(t, 10*time.Second, "the open session to see the copied message", func() bool {
		live.Noop().Wait()
		return live.Mailbox().NumMessages == sel.NumMessages+1
	})
	e.compare(t, "alice", "wonderland")

	// Sent deleted and made again at the source: a new UIDVALIDITY, so
	// the mailbox is copied again from scratch.
	for _, cmd := range []*imapclient.Command{cy.Unselect(), cy.Delete("Sent"), cy.Create("Sent", nil)} {
		if err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	appendMsg(t, cy, "Sent", migrateMessage(50), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}})
	rep = e.migrate(t, "alice")
	if c := counts(t, rep["alice"]); c["recopied"] != 1 || c["copied"] != 1 {
		t.Errorf("fourth run: %s; want recopied=1 copied=1", rep["alice"])
	}
	e.compare(t, "alice", "wonderland")
}

// TestMigrateRate measures the copy rate: CORVUS_MIGRATE_BENCH=2000 puts
// that many messages into a Cyrus INBOX and migrates them three times,
// each into a fresh Corvus, logging messages per second. Without the
// variable it is skipped: it takes minutes on a loaded machine.
func TestMigrateRate(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("CORVUS_MIGRATE_BENCH"))
	if n <= 0 {
		t.Skip("set CORVUS_MIGRATE_BENCH=2000 to measure the copy rate")
	}
	e := startMigrateEnv(t)
	c := e.cyrusLogin(t, "alice")
	if err := e.cy.Deliver("alice", migrateMessage(0)); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var cmds []*imapclient.AppendCommand
	for i := 1; i < n; i++ {
		msg := bytes.Repeat(migrateMessage(i), 1+i%8) // 0.3 to 2.5 KB
		cmd := c.Append("INBOX", int64(len(msg)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}})
		cmd.Write(msg)
		cmd.Close()
		cmds = append(cmds, cmd)
		if len(cmds) == 50 {
			waitAppends(t, cmds)
			cmds = cmds[:0]
		}
	}
	waitAppends(t, cmds)
	t.Logf("Cyrus: %d messages appended in %v", n, time.Since(start).Round(time.Millisecond))
	for rep := range 3 {
		if rep > 0 {
			e.corvus = startImapd(t, "")
		}
		// imapmigrate writes its state as the cyrus user.
		dir := t.TempDir()
		uid, gid := harness.CyrusUser(t)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		lines := e.migrate(t, "-q", "-f", filepath.Join(dir, "state"), "alice")
		if got := counts(t, lines["alice"])["copied"]; got != n {
			t.Fatalf("copied %d, want %d", got, n)
		}
		t.Logf("run %d: %s", rep+1, lines["total"])
	}
}

func waitAppends(t *testing.T, cmds []*imapclient.AppendCommand) {
	t.Helper()
	for _, c := range cmds {
		if _, err := c.Wait(); err != nil {
			t.Fatalf("APPEND: %v", err)
		}
	}
}

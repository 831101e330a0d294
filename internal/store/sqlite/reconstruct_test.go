package sqlite

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// describeSubject stands in for the IMAP layer's parser: it takes the
// Subject line, so tests can see that adopted messages were described.
func describeSubject(raw []byte, _ time.Time) store.NewMessage {
	var msg store.NewMessage
	for _, l := range strings.Split(string(raw), "\r\n") {
		if s, ok := strings.CutPrefix(l, "Subject: "); ok {
			msg.Summary.Subject = s
		}
	}
	return msg
}

func TestReconstructHealthyAccountNeedsNothing(t *testing.T) {
	r := newRTest(t)
	r.appendTo("INBOX", 1, imap.FlagSeen)
	r.appendTo("Work", 2)
	rep := r.reconstruct(store.ReconstructOptions{Grace: -1})
	if rep.Rebuilt || len(rep.Fixes) != 0 || len(rep.Events) != 0 {
		t.Errorf("healthy account: %+v", rep)
	}
}

// The database deleted: every message comes back into INBOX, byte for
// byte, in arrival order, under a new, greater UIDVALIDITY and modseq.
func TestReconstructLostDatabase(t *testing.T) {
	r := newRTest(t)
	var want []string
	for i := 1; i <= 3; i++ {
		r.appendTo("INBOX", i, imap.FlagSeen)
		want = append(want, body(i))
	}
	r.appendTo("Work", 4, imap.FlagFlagged)
	want = append(want, body(4))
	old := r.status("INBOX")
	r.removeDB()

	rep := r.reconstruct(store.ReconstructOptions{Describe: describeSubject})
	k := kinds(rep)
	if !rep.Rebuilt || k[store.FixRebuilt] != 1 || k[store.FixAdopted] != 4 {
		t.Fatalf("report: %+v", rep.Fixes)
	}
	msgs, bodies := r.messages("INBOX")
	if !slices.Equal(bodies, want) {
		t.Fatalf("INBOX after rebuild:\n%q\nwant\n%q", bodies, want)
	}
	for i, m := range msgs {
		if m.UID != imap.UID(i+1) || len(m.Flags) != 0 || m.Summary.Subject != "message "+string(rune('1'+i)) {
			t.Errorf("message %d: UID %d flags %v subject %q", i, m.UID, m.Flags, m.Summary.Subject)
		}
	}
	st := r.status("INBOX")
	if st.UIDValidity <= old.UIDValidity || st.HighestModSeq <= old.HighestModSeq || st.UIDNext != 5 {
		t.Errorf("identity went backwards: old %+v new %+v", old, st)
	}
	a := r.open()
	defer a.Close()
	if q, _ := a.Quota(r.ctx); q.Messages != 4 {
		t.Errorf("quota usage %+v", q)
	}
	if _, err := a.Mailbox(r.ctx, "Work"); err == nil {
		t.Error("Work came back: mailbox membership is not in the files")
	}
	// Nothing left to do afterwards.
	if again := r.reconstruct(store.ReconstructOptions{Grace: -1}); len(again.Fixes) != 0 {
		t.Errorf("second reconstruct: %+v", again.Fixes)
	}
}

// A database with a table dropped is rebuilt from what it still holds:
// mailboxes, UIDs, UIDVALIDITY and flags survive.
func TestReconstructSalvagesDamagedDatabase(t *testing.T) {
	r := newRTest(t)
	r.appendTo("INBOX", 1, imap.FlagSeen, "$Label1")
	uid := r.appendTo("Work", 2, imap.FlagFlagged)
	work := r.status("Work")
	r.exec("DROP TABLE duplicates")

	rep := r.reconstruct(store.ReconstructOptions{})
	if k := kinds(rep); !rep.Rebuilt || k[store.FixSalvaged] != 2 || k[store.FixAdopted] != 0 || k[store.FixUIDValidity] != 0 {
		t.Fatalf("report: %+v", rep.Fixes)
	}
	after := r.status("Work")
	if after.UIDValidity != work.UIDValidity || after.ID != work.ID || after.UIDNext != work.UIDNext {
		t.Errorf("Work was %+v, now %+v", work, after)
	}
	msgs, bodies := r.messages("Work")
	if len(msgs) != 1 || msgs[0].UID != uid || !slices.Equal(msgs[0].Flags, []imap.Flag{imap.FlagFlagged}) || bodies[0] != body(2) {
		t.Errorf("Work messages %+v %q", msgs, bodies)
	}
	inbox, _ := r.messages("INBOX")
	if len(inbox) != 1 || !slices.Equal(inbox[0].Flags, []imap.Flag{imap.FlagSeen, "$Label1"}) {
		t.Errorf("INBOX messages %+v", inbox)
	}
	if matches, _ := filepath.Glob(filepath.Join(r.dir, dbName+".damaged-*")); len(matches) != 1 {
		t.Errorf("damaged database not kept: %v", matches)
	}
}

// A database that is not a database at all: rebuilt from the files.
func TestReconstructGarbageDatabase(t *testing.T) {
	r := newRTest(t)
	r.appendTo("INBOX", 1)
	r.appendTo("Work", 2)
	r.s.forget(r.user)
	junk := []byte(strings.Repeat("this is not SQLite ", 500))
	if err := os.WriteFile(filepath.Join(r.dir, dbName), junk, filePerm); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(r.dir, dbName+"-wal"))
	rep := r.reconstruct(store.ReconstructOptions{})
	if !rep.Rebuilt || kinds(rep)[store.FixAdopted] != 2 {
		t.Fatalf("report: %+v", rep.Fixes)
	}
	if _, bodies := r.messages("INBOX"); !slices.Equal(bodies, []string{body(1), body(2)}) {
		t.Errorf("INBOX %q", bodies)
	}
}

// Pages overwritten in the middle of the database: whatever is salvaged,
// no message file ends up without a message.
func TestReconstructCorruptPages(t *testing.T) {
	r := newRTest(t)
	for i := range 60 {
		r.appendTo([]string{"INBOX", "Work"}[i%2], i)
	}
	r.s.forget(r.user)
	a := r.open() // checkpoint, so the pages are in the main file
	a.(*account).u.h.write(r.ctx, func(t *tx) error { _, err := t.c.c.ExecContext(r.ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); return err })
	a.Close()
	r.s.forget(r.user)
	f, err := os.OpenFile(filepath.Join(r.dir, dbName), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	f.WriteAt([]byte(strings.Repeat("\xde\xad", 2048)), fi.Size()/3)
	f.Close()

	rep := r.reconstruct(store.ReconstructOptions{})
	for _, f := range rep.Fixes {
		t.Logf("%s %s %d %s", f.Kind, f.Mailbox, f.UID, f.Detail)
	}
	if !rep.Rebuilt {
		t.Fatalf("damage not noticed: %+v", rep.Fixes)
	}
	files := r.files()
	total := 0
	for _, box := range []string{"INBOX", "Work"} {
		a := r.open()
		if mb, err := a.Mailbox(r.ctx, box); err == nil {
			st, _ := mb.Status(r.ctx)
			total += int(st.Messages)
		}
		a.Close()
	}
	if len(files) != 60 || total != 60 {
		t.Errorf("%d files, %d messages after reconstruct, want 60 and 60; report %+v", len(files), total, rep.Fixes)
	}
}

// A dry run of a rebuild changes nothing on disk.
func TestReconstructDryRunRebuild(t *testing.T) {
	r := newRTest(t)
	r.appendTo("INBOX", 1)
	r.removeDB()
	before := r.files()
	rep := r.reconstruct(store.ReconstructOptions{DryRun: true})
	if !rep.Rebuilt || kinds(rep)[store.FixAdopted] != 1 {
		t.Fatalf("report: %+v", rep.Fixes)
	}
	if _, err := os.Stat(filepath.Join(r.dir, dbName)); !os.IsNotExist(err) {
		t.Errorf("dry run created the database: %v", err)
	}
	if after := r.files(); len(after) != 1 || after[0].id != before[0].id {
		t.Errorf("dry run touched the files: %v → %v", before, after)
	}
	if entries, _ := os.ReadDir(r.dir); len(entries) != 1 {
		t.Errorf("dry run left files behind: %v", entries)
	}
}

// UsersOnDisk finds an account whose database is gone; Users does not.
func TestUsersOnDisk(t *testing.T) {
	r := newRTest(t)
	if _, err := r.s.Create(r.ctx, "bob@example.com"); err != nil {
		t.Fatal(err)
	}
	r.removeDB()
	os.MkdirAll(filepath.Join(r.s.opts.Partition, "b", "user", "carol"), 0o750) // wrong hash letter, empty
	users, _ := r.s.Users(r.ctx)
	onDisk, _ := r.s.UsersOnDisk(r.ctx)
	if !slices.Equal(users, []string{"bob@example.com"}) || !slices.Equal(onDisk, []string{"alice", "bob@example.com"}) {
		t.Errorf("Users %v, UsersOnDisk %v", users, onDisk)
	}
	if _, err := r.s.Reconstruct(r.ctx, "nobody", store.ReconstructOptions{}); err == nil {
		t.Error("Reconstruct of a user without a directory succeeded")
	}
}

// swap never replaces a database another process created meanwhile, and
// moves the old files (with a stale WAL) out of the new one's way.
func TestReconstructSwap(t *testing.T) {
	dir := t.TempDir()
	r := &recon{dir: dir, start: time.Unix(1700000000, 0)}
	tmp := filepath.Join(dir, "new")
	os.WriteFile(tmp, []byte("new"), filePerm)
	os.WriteFile(filepath.Join(dir, dbName+"-wal"), []byte("stale"), filePerm)
	kept, err := r.swap(tmp)
	if err != nil || kept != "" {
		t.Fatalf("swap with no database: %q %v", kept, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, dbName)); string(b) != "new" {
		t.Errorf("database after swap: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, dbName+".damaged-1700000000-wal")); err != nil {
		t.Errorf("stale WAL not moved aside: %v", err)
	}
	// A creator slipping in between the move and the link wins.
	if err := r.linkInto(tmp); !errors.Is(err, errCreatedMeanwhile) {
		t.Errorf("link over another creator's database: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, dbName)); string(b) != "new" {
		t.Errorf("database replaced: %q", b)
	}
}

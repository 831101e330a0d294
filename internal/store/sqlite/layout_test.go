package sqlite

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

func TestHashAndUserDir(t *testing.T) {
	for in, want := range map[string]string{"alice": "a", "Bob": "b", "zed": "z", "1x": "q", "ü": "q", "_a": "q", "": "q"} {
		if got := hashLetter(in); got != want {
			t.Errorf("hashLetter(%q) = %q, want %q", in, got, want)
		}
	}
	tests := map[string]string{
		"alice":             "/p/a/user/alice",
		"Bob":               "/p/b/user/Bob",
		"9lives":            "/p/q/user/9lives",
		"alice@example.com": "/p/domain/e/example.com/a/user/alice",
	}
	for user, want := range tests {
		if got := userDir("/p", user); got != want {
			t.Errorf("userDir(%q) = %q, want %q", user, got, want)
		}
	}
}

// FuzzUserDir: every user name CheckUser accepts maps to a directory
// strictly inside the partition.
func FuzzUserDir(f *testing.F) {
	for _, s := range []string{"alice", "a@b.c", "..", "../../etc", "a/..", "x@..", "x@a/../b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, user string) {
		if store.CheckUser(user) != nil {
			return
		}
		dir := userDir("/part", user)
		rel, err := filepath.Rel("/part", dir)
		if err != nil || filepath.Clean(dir) != dir || rel == "." || strings.HasPrefix(rel, "..") {
			t.Fatalf("user %q maps to %q", user, dir)
		}
		if n := strings.Count(rel, "/"); n != 2 && n != 5 {
			t.Fatalf("user %q maps to %d levels: %q", user, n, rel)
		}
	})
}

// TestLayout checks the on-disk tree, its permissions, and that no mailbox
// name reaches the file system.
func TestLayout(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	a, err := s.Create(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	const secret = "SECRET-FOLDER-NAME"
	if _, err := a.CreateMailbox(ctx, secret+"/../../x", store.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	mb, _ := a.Mailbox(ctx, secret+"/../../x")
	if _, err := mb.Append(ctx, strings.NewReader("Subject: x\r\n\r\nx\r\n"), store.NewMessage{}, store.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(s.opts.Partition, "a", "user", "alice")
	if _, err := os.Stat(filepath.Join(dir, dbName)); err != nil {
		t.Fatalf("database not where documented: %v", err)
	}
	files := 0
	err = filepath.WalkDir(s.opts.Partition, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.Contains(path, "SECRET") {
			t.Errorf("mailbox name on disk: %s", path)
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if path != s.opts.Partition && fi.Mode().Perm()&0o007 != 0 {
			t.Errorf("%s is world-accessible: %v", path, fi.Mode())
		}
		if d.IsDir() && path != s.opts.Partition && fi.Mode().Perm() != dirPerm {
			t.Errorf("%s mode %v, want %v", path, fi.Mode().Perm(), os.FileMode(dirPerm))
		}
		if !d.IsDir() {
			files++
			if fi.Mode().Perm()&^filePerm != 0 {
				t.Errorf("%s mode %v, want at most %v", path, fi.Mode().Perm(), os.FileMode(filePerm))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 2 { // the database and the message at least
		t.Errorf("only %d files in the partition", files)
	}
}

// countFiles counts the message files of a user.
func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(filepath.Join(dir, msgDir), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// TestSharing checks that COPY shares the file and that a delivery to
// several users is one file with several links.
func TestSharing(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	for _, u := range []string{"alice", "bob"} {
		a, err := s.Create(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		a.Close()
	}
	out, err := s.Deliver(ctx, strings.NewReader("Subject: hi\r\n\r\nhi\r\n"), store.NewMessage{},
		[]store.Recipient{{User: "alice"}, {User: "bob"}})
	if err != nil || out[0].Err != nil || out[1].Err != nil {
		t.Fatal(err, out)
	}
	da, db := userDir(s.opts.Partition, "alice"), userDir(s.opts.Partition, "bob")
	fa, fb := onlyFile(t, da), onlyFile(t, db)
	ia, _ := os.Stat(fa)
	ib, _ := os.Stat(fb)
	if !os.SameFile(ia, ib) {
		t.Error("delivery to two users wrote two files")
	}
	a, _ := s.Open(ctx, "alice")
	defer a.Close()
	inbox, _ := a.Mailbox(ctx, store.Inbox)
	if _, err := a.CreateMailbox(ctx, "Copy", store.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	dst, _ := a.Mailbox(ctx, "Copy")
	if _, err := inbox.Copy(ctx, imap.UIDSetNum(1), dst, store.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := countFiles(t, da); n != 1 {
		t.Errorf("COPY made %d files, want 1 shared", n)
	}
	// The shared file goes only with its last reference.
	for _, mb := range []store.Mailbox{inbox, dst} {
		mb.StoreFlags(ctx, imap.UIDSetNum(1), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}})
		if _, err := mb.Expunge(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if mb == inbox && countFiles(t, da) != 1 {
			t.Error("file removed while a copy still refers to it")
		}
	}
	if n := countFiles(t, da); n != 0 {
		t.Errorf("%d files left after expunging every copy", n)
	}
	if _, err := os.Stat(fb); err != nil {
		t.Errorf("bob's link went with alice's expunge: %v", err)
	}
}

func onlyFile(t *testing.T, dir string) string {
	t.Helper()
	var found []string
	filepath.WalkDir(filepath.Join(dir, msgDir), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			found = append(found, path)
		}
		return nil
	})
	if len(found) != 1 {
		t.Fatalf("%s: %d message files, want 1", dir, len(found))
	}
	return found[0]
}

// TestSweepOrphans: an old unreferenced file (a crash leftover) goes, a
// young one (an append in progress) stays, referenced ones stay.
func TestSweepOrphans(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	a, err := s.Create(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	mb, _ := a.Mailbox(ctx, store.Inbox)
	if _, err := mb.Append(ctx, strings.NewReader("x"), store.NewMessage{}, store.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
	dir := userDir(s.opts.Partition, "alice")
	old, err := writeFile(dir, strings.NewReader("half-written"))
	if err != nil {
		t.Fatal(err)
	}
	young, _ := writeFile(dir, strings.NewReader("in progress"))
	past := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old.path, past, past)
	rep, err := a.Sweep(ctx, store.SweepOptions{Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Orphans != 1 || len(rep.Missing)+len(rep.Corrupt) != 0 {
		t.Errorf("Sweep = %+v", rep)
	}
	if _, err := os.Stat(old.path); !errors.Is(err, fs.ErrNotExist) {
		t.Error("old orphan kept")
	}
	if _, err := os.Stat(young.path); err != nil {
		t.Error("young file removed")
	}
	c, err := mb.Open(ctx, 1)
	if err != nil {
		t.Fatal("referenced file removed:", err)
	}
	c.Close()

	// A row can never point at a file Sweep took: the commit re-checks.
	os.Remove(young.path)
	u := a.(*account).u
	err = u.write(ctx, func(w *wtx) error {
		_, err := w.addContent(young, &store.Summary{}, nil, time.Now())
		return err
	})
	if err == nil {
		t.Error("committed a row for a vanished file")
	}
}

// TestDamageDetected: Sweep reports a missing or altered file and fixes
// counters that disagree with the rows.
func TestDamageDetected(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	a, _ := s.Create(ctx, "alice")
	defer a.Close()
	mb, _ := a.Mailbox(ctx, store.Inbox)
	for range 2 {
		mb.Append(ctx, strings.NewReader("message"), store.NewMessage{}, store.AppendOptions{})
	}
	files := []string{} // the message files, not the spares (empty)
	filepath.WalkDir(filepath.Join(userDir(s.opts.Partition, "alice"), msgDir), func(p string, d fs.DirEntry, err error) error {
		if fi, ierr := d.Info(); err == nil && ierr == nil && !d.IsDir() && fi.Size() > 0 {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 2 {
		t.Fatalf("%d message files, want 2", len(files))
	}
	os.Remove(files[0])
	os.WriteFile(files[1], []byte("tampered"), filePerm)
	u := a.(*account).u
	u.h.write(ctx, func(t *tx) error {
		_, err := t.exec("UPDATE mailboxes SET messages = 99")
		return err
	})
	rep, err := a.Sweep(ctx, store.SweepOptions{Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Missing) != 1 || len(rep.Corrupt) != 1 || rep.Recounted != 1 {
		t.Errorf("Sweep = %+v", rep)
	}
	if st, _ := mb.Status(ctx); st.Messages != 2 {
		t.Errorf("counter not repaired: %d", st.Messages)
	}
}

// TestHalfCreatedAccount: a database file without a committed schema (a
// creator killed midway) is no account; Create completes it.
func TestHalfCreatedAccount(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	dir := userDir(s.opts.Partition, "eve")
	if err := precreate(dir, filepath.Join(dir, dbName)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(ctx, "eve"); !errors.Is(err, store.ErrNoUser) {
		t.Fatalf("Open of a half-created account: %v", err)
	}
	a, err := s.Create(ctx, "eve")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	mb, err := a.Mailbox(ctx, "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mb.Append(ctx, bytes.NewReader([]byte("x")), store.NewMessage{}, store.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
}

// TestIdleCache: closed accounts beyond MaxIdleAccounts are closed, and a
// user deleted behind the cache's back is not served from it.
func TestIdleCache(t *testing.T) {
	s, err := Open(Options{Partition: t.TempDir(), MaxIdleAccounts: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for _, u := range []string{"u1", "u2", "u3"} {
		a, err := s.Create(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		a.Close()
	}
	s.mu.Lock()
	n := len(s.users)
	s.mu.Unlock()
	if n != 1 {
		t.Errorf("%d idle accounts cached, want 1", n)
	}
	// Another process deletes u3 (its directory renamed away).
	other, _ := Open(Options{Partition: s.opts.Partition})
	defer other.Close()
	if err := other.DeleteUser(ctx, "u3"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(ctx, "u3"); !errors.Is(err, store.ErrNoUser) {
		t.Errorf("deleted user served from the cache: %v", err)
	}
}

package sqlite

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// damage inflicts the usual repairs on r: a deleted message file, an old
// stray message file, odd files, wrong counters and a UIDNEXT and modseq
// that went backwards. It returns the stray file's id and the UID whose
// file was deleted.
func damage(r *rtest) (stray string, lost imap.UID) {
	r.t.Helper()
	r.appendTo("INBOX", 1, imap.FlagSeen)
	lost = r.appendTo("Work", 2)
	r.appendTo("Work", 3)
	msgs, _ := r.messages("Work")
	a := r.open()
	var file string
	a.(*account).u.read(r.ctx, func(t *tx) error {
		return t.row("SELECT c.file FROM contents c JOIN messages m ON m.content = c.id WHERE m.uid = ? AND m.mailbox = (SELECT id FROM mailboxes WHERE name = 'Work')",
			[]any{uint32(msgs[0].UID)}, &file)
	})
	a.Close()
	if err := os.Remove(filepath.Join(r.dir, fileRel(file))); err != nil {
		r.t.Fatal(err)
	}
	stray = r.stray(body(9), 2*time.Hour)
	os.WriteFile(filepath.Join(r.dir, msgDir, "junk"), []byte("x"), filePerm)
	os.WriteFile(filepath.Join(r.dir, msgDir, "00", "notes.txt"), []byte("x"), filePerm)
	r.exec("UPDATE mailboxes SET messages = 99, uidnext = 1 WHERE name = 'Work'")
	r.exec("UPDATE account SET modseq = 1, size = 0")
	return stray, lost
}

func TestReconstructRepairsInPlace(t *testing.T) {
	r := newRTest(t)
	stray, lost := damage(r)
	rep := r.reconstruct(store.ReconstructOptions{Describe: describeSubject})
	k := kinds(rep)
	if rep.Rebuilt || k[store.FixMissing] != 1 || k[store.FixAdopted] != 1 || k[store.FixOdd] != 2 ||
		k[store.FixUIDNext] != 1 || k[store.FixModSeq] < 1 || k[store.FixCounters] != 2 {
		t.Fatalf("report: %+v", rep.Fixes)
	}
	work, bodies := r.messages("Work")
	if len(work) != 1 || bodies[0] != body(3) {
		t.Errorf("Work: %+v %q", work, bodies)
	}
	st := r.status("Work")
	if st.Messages != 1 || st.UIDNext != 3 {
		t.Errorf("Work status %+v", st)
	}
	a := r.open()
	defer a.Close()
	mb, _ := a.Mailbox(r.ctx, "Work")
	if gone, _ := mb.ExpungedSince(r.ctx, 0); !slices.Contains(gone, lost) {
		t.Errorf("UID %d removed without a tombstone: %v", lost, gone)
	}
	inbox, bodies := r.messages("INBOX")
	if len(inbox) != 2 || bodies[1] != body(9) || inbox[1].Summary.Subject != "message 9" {
		t.Errorf("stray file not added to INBOX: %+v %q", inbox, bodies)
	}
	if _, err := os.Stat(filepath.Join(r.dir, fileRel(stray))); !os.IsNotExist(err) {
		t.Errorf("adopted file kept its name: %v", err)
	}
	if q, _ := a.Quota(r.ctx); q.Messages != 3 || q.StorageBytes != int64(len(body(1)+body(3)+body(9))) {
		t.Errorf("quota usage %+v", q)
	}
	if again := r.reconstruct(store.ReconstructOptions{OddFiles: store.OddIgnore}); len(again.Fixes) != 0 {
		t.Errorf("second reconstruct: %+v", again.Fixes)
	}
}

func TestReconstructDryRunRepair(t *testing.T) {
	r := newRTest(t)
	stray, _ := damage(r)
	rep := r.reconstruct(store.ReconstructOptions{DryRun: true, OddFiles: store.OddRemove})
	if k := kinds(rep); k[store.FixMissing] != 1 || k[store.FixAdopted] != 1 || k[store.FixOdd] != 2 {
		t.Fatalf("report: %+v", rep.Fixes)
	}
	if st := r.status("Work"); st.Messages != 99 {
		t.Errorf("dry run fixed the counters: %+v", st)
	}
	if _, err := os.Stat(filepath.Join(r.dir, fileRel(stray))); err != nil {
		t.Errorf("dry run moved the stray file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(r.dir, msgDir, "junk")); err != nil {
		t.Errorf("dry run removed an odd file: %v", err)
	}
}

func TestReconstructOddAndRecentFiles(t *testing.T) {
	r := newRTest(t)
	fresh := r.stray(body(1), 0)
	os.WriteFile(filepath.Join(r.dir, msgDir, "junk"), []byte("x"), filePerm)
	rep := r.reconstruct(store.ReconstructOptions{OddFiles: store.OddRemove})
	if k := kinds(rep); k[store.FixRecent] != 1 || k[store.FixAdopted] != 0 || k[store.FixOdd] != 1 {
		t.Fatalf("report: %+v", rep.Fixes)
	}
	if _, err := os.Stat(filepath.Join(r.dir, msgDir, "junk")); !os.IsNotExist(err) {
		t.Errorf("odd file not removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(r.dir, fileRel(fresh))); err != nil {
		t.Errorf("recent file touched: %v", err)
	}
	rep = r.reconstruct(store.ReconstructOptions{Grace: -1})
	if kinds(rep)[store.FixAdopted] != 1 {
		t.Errorf("no grace: %+v", rep.Fixes)
	}
	// Scope without INBOX: files without metadata stay where they are.
	r.stray(body(2), 2*time.Hour)
	if rep := r.reconstruct(store.ReconstructOptions{Mailboxes: []string{"Work"}}); kinds(rep)[store.FixAdopted] != 0 {
		t.Errorf("adopted outside the scope: %+v", rep.Fixes)
	}
}

// A file rewritten behind the store's back: -G reports it, -R gives it a
// new UID, -U removes it.
func TestReconstructVerify(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts store.ReconstructOptions
		kind store.FixKind
		left int
	}{
		{"report", store.ReconstructOptions{Verify: true}, store.FixCorrupt, 1},
		{"renumber", store.ReconstructOptions{Verify: true, RenumberCorrupt: true, Describe: describeSubject}, store.FixRenumbered, 1},
		{"remove", store.ReconstructOptions{Verify: true, RemoveCorrupt: true}, store.FixRemoved, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRTest(t)
			uid := r.appendTo("Work", 1)
			f := r.files()[0]
			changed := strings.Replace(body(1), "body 1", "BODY 1 CHANGED", 1)
			if err := os.WriteFile(f.path, []byte(changed), filePerm); err != nil {
				t.Fatal(err)
			}
			rep := r.reconstruct(tc.opts)
			if k := kinds(rep); k[tc.kind] != 1 || len(rep.Fixes) != 1 {
				t.Fatalf("report: %+v", rep.Fixes)
			}
			msgs, bodies := r.messages("Work")
			if len(msgs) != tc.left {
				t.Fatalf("%d messages left: %+v", len(msgs), msgs)
			}
			if tc.kind == store.FixRenumbered && (msgs[0].UID == uid || msgs[0].Size != int64(len(changed)) || bodies[0] != changed) {
				t.Errorf("renumbered message %+v %q", msgs[0], bodies[0])
			}
		})
	}
}

func TestFixQuota(t *testing.T) {
	r := newRTest(t)
	r.appendTo("INBOX", 1)
	r.appendTo("Work", 2)
	r.exec("UPDATE account SET messages = 7, size = 1")
	fix, err := r.s.FixQuota(r.ctx, r.user, true)
	if err != nil || !fix.Changed() || fix.Old.Messages != 7 || fix.New.Messages != 2 {
		t.Fatalf("dry FixQuota: %+v %v", fix, err)
	}
	a := r.open()
	if q, _ := a.Quota(r.ctx); q.Messages != 7 {
		t.Errorf("dry run wrote %+v", q)
	}
	a.Close()
	if fix, err = r.s.FixQuota(r.ctx, r.user, false); err != nil || fix.New.StorageBytes != int64(len(body(1)+body(2))) {
		t.Fatalf("FixQuota: %+v %v", fix, err)
	}
	if fix, _ = r.s.FixQuota(r.ctx, r.user, false); fix.Changed() {
		t.Errorf("second FixQuota changed %+v", fix)
	}
}

// Reconstruct with no grace while appends run: every acknowledged append
// is there afterwards with its bytes, whatever the interleaving.
func TestReconstructDuringAppends(t *testing.T) {
	r := newRTest(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var mu sync.Mutex
	acked := map[imap.UID]string{}
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := r.s.Open(ctx, r.user)
			if err != nil {
				return
			}
			defer a.Close()
			mb, _ := a.Mailbox(ctx, "INBOX")
			for i := range 20 {
				text := body(g*100 + i)
				res, err := mb.Append(ctx, strings.NewReader(text), store.NewMessage{}, store.AppendOptions{})
				if err == nil {
					mu.Lock()
					acked[res.UID] = text
					mu.Unlock()
				}
			}
		}()
	}
	for range 5 {
		if _, err := r.s.Reconstruct(ctx, r.user, store.ReconstructOptions{Grace: -1}); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
	a := r.open()
	defer a.Close()
	mb, _ := a.Mailbox(r.ctx, "INBOX")
	for uid, text := range acked {
		c, err := mb.Open(r.ctx, uid)
		if err != nil {
			t.Errorf("acknowledged UID %d lost: %v", uid, err)
			continue
		}
		b, _ := io.ReadAll(io.NewSectionReader(c, 0, c.Size()))
		c.Close()
		if string(b) != text {
			t.Errorf("UID %d holds %q, want %q", uid, b, text)
		}
	}
	if rep := r.reconstruct(store.ReconstructOptions{Grace: -1}); kinds(rep)[store.FixMissing] != 0 {
		t.Errorf("rows without files after concurrent reconstructs: %+v", rep.Fixes)
	}
}

// A message file restored into the wrong bucket is adopted and moved to
// its place, on a live database and in a rebuild.
func TestReconstructMisplacedFile(t *testing.T) {
	for _, rebuild := range []bool{false, true} {
		r := newRTest(t)
		id := newFileID()
		wrong := "00"
		if id[:2] == wrong {
			wrong = "01"
		}
		p := filepath.Join(r.dir, msgDir, wrong, id)
		if err := os.WriteFile(p, []byte(body(1)), filePerm); err != nil {
			t.Fatal(err)
		}
		if rebuild {
			r.removeDB()
		}
		rep := r.reconstruct(store.ReconstructOptions{Grace: -1})
		if kinds(rep)[store.FixAdopted] != 1 {
			t.Fatalf("rebuild %v: %+v", rebuild, rep.Fixes)
		}
		if _, bodies := r.messages("INBOX"); len(bodies) != 1 || bodies[0] != body(1) {
			t.Errorf("rebuild %v: INBOX %q", rebuild, bodies)
		}
		if again := r.reconstruct(store.ReconstructOptions{Grace: -1}); len(again.Fixes) != 0 {
			t.Errorf("rebuild %v: second run %+v", rebuild, again.Fixes)
		}
	}
}

package sqlite

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
)

// userDBOf returns the open database of r's user in r's store.
func (r *rtest) userDBOf() *userDB {
	r.t.Helper()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	e := r.s.users[r.user]
	if e == nil || e.u == nil {
		r.t.Fatal("account not open")
	}
	return e.u
}

// emptyFiles lists the empty files of the account's message tree.
func (r *rtest) emptyFiles() []string {
	r.t.Helper()
	var out []string
	filepath.WalkDir(filepath.Join(r.dir, msgDir), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil && fi.Size() == 0 {
				out = append(out, p)
			}
		}
		return nil
	})
	return out
}

// Appends take spares: one batch serves spareBatch messages, every
// message reads back whole, reconstruct neither adopts nor reports the
// spares, and closing the store removes them.
func TestSparesAppend(t *testing.T) {
	r := newRTest(t)
	const n = 3
	for i := range n {
		r.appendTo(store.Inbox, i)
	}
	spares := r.emptyFiles()
	if len(spares) != spareBatch-n {
		t.Fatalf("%d spares after %d appends, want %d", len(spares), n, spareBatch-n)
	}
	files := r.files()
	for _, f := range files {
		if filepath.Dir(f.path) != filepath.Dir(spares[0]) {
			t.Errorf("message file %s is not in its batch's bucket %s", f.path, filepath.Dir(spares[0]))
		}
	}
	if _, bodies := r.messages(store.Inbox); !slices.Equal(bodies, []string{body(0), body(1), body(2)}) {
		t.Fatalf("INBOX holds %q", bodies)
	}
	rep := r.reconstruct(store.ReconstructOptions{Grace: -1})
	if len(rep.Fixes) != 0 {
		t.Errorf("reconstruct with spares present: %+v", rep.Fixes)
	}
	r.s.Close()
	if left := r.emptyFiles(); len(left) != 0 {
		t.Errorf("spares left after Close: %q", left)
	}
}

// A pool that went stale or whose files vanished (Sweep) is replaced by a
// new batch; the append succeeds either way.
func TestSparesReplaced(t *testing.T) {
	tests := []struct {
		name    string
		disturb func(r *rtest, u *userDB)
	}{
		{"stale", func(r *rtest, u *userDB) { u.spares.made = time.Now().Add(-2 * spareMaxAge) }},
		{"swept", func(r *rtest, u *userDB) {
			for _, p := range r.emptyFiles() {
				os.Remove(p)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRTest(t)
			r.appendTo(store.Inbox, 0)
			u := r.userDBOf()
			old := slices.Clone(u.spares.ids)
			tt.disturb(r, u)
			r.appendTo(store.Inbox, 1)
			for _, id := range old {
				if _, err := os.Stat(u.path(id)); err == nil {
					t.Errorf("old spare %s still there", id)
				}
			}
			if got := len(r.emptyFiles()); got != spareBatch-1 {
				t.Errorf("%d spares after the new batch, want %d", got, spareBatch-1)
			}
			if _, bodies := r.messages(store.Inbox); !slices.Equal(bodies, []string{body(0), body(1)}) {
				t.Fatalf("INBOX holds %q", bodies)
			}
		})
	}
}

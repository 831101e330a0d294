package delivery

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// bigHeader is a header line that makes a message about n bytes bigger.
func bigHeader(n int) string {
	return "X-Padding: " + strings.Repeat("x", n)
}

func TestDuplicateSuppression(t *testing.T) {
	tests := []struct {
		name     string
		suppress bool
		first    []byte
		second   []byte
		secondID string // Message.MessageID of the second delivery
		wantDup  bool
	}{
		{"same Message-ID", true, rawMessage("a@x", "1"), rawMessage("a@x", "2"), "", true},
		{"suppression off", false, rawMessage("a@x", "1"), rawMessage("a@x", "2"), "", false},
		{"no Message-ID", true, rawMessage("", "1"), rawMessage("", "1"), "", false},
		{"other Message-ID", true, rawMessage("a@x", "1"), rawMessage("b@x", "1"), "", false},
		{"Resent-Message-ID first", true,
			rawMessage("a@x", "1", "Resent-Message-ID: <r1@x>"), rawMessage("a@x", "1", "Resent-Message-ID: <r2@x>"), "", false},
		{"same Resent-Message-ID", true,
			rawMessage("a@x", "1", "Resent-Message-ID: <r1@x>"), rawMessage("b@x", "1", "Resent-Message-ID:  <r1@x> (c)"), "", true},
		{"empty Resent-Message-ID ignored", true,
			rawMessage("a@x", "1"), rawMessage("a@x", "1", "Resent-Message-ID: "), "", true},
		{"caller's id", true, rawMessage("a@x", "1"), rawMessage("b@x", "1"), "<a@x>", true},
		{"caller's bare id", true, rawMessage("a@x", "1"), rawMessage("b@x", "1"), "a@x", true},
		{"empty Message-ID", true, rawMessage("", "1", "Message-ID: <>"), rawMessage("", "1", "Message-ID: <>"), "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(o *Options) { o.DuplicateSuppression = tc.suppress })
			e.user("bob")
			mustOK(t, e.deliver(message(tc.first), "bob"))
			m := message(tc.second)
			m.MessageID = tc.secondID
			res := e.deliver(m, "bob")
			mustOK(t, res)
			if res[0].Duplicate != tc.wantDup {
				t.Fatalf("Duplicate = %v, want %v", res[0].Duplicate, tc.wantDup)
			}
			want, notes := 2, 2
			if tc.wantDup {
				want, notes = 1, 1
			}
			if n := e.count("bob", store.Inbox); n != want {
				t.Errorf("INBOX holds %d, want %d", n, want)
			}
			if n := len(e.notes.all()); n != notes {
				t.Errorf("%d notifications, want %d", n, notes)
			}
		})
	}
}

// TestDuplicatePerMailbox: the key includes the mailbox, so the same
// message still reaches another folder and another user.
func TestDuplicatePerMailbox(t *testing.T) {
	e := newEnv(t, nil)
	e.user("alice", "bob")
	ctx := context.Background()
	acl := store.ACL{"bob": store.OwnerRights, "anyone": imap.RightSet("p")}
	if _, err := e.account("bob").CreateMailbox(ctx, "Lists", store.CreateOptions{ACL: acl}); err != nil {
		t.Fatal(err)
	}
	raw := rawMessage("same@x", "s")
	mustOK(t, e.deliver(message(raw), "bob"))
	res := e.deliver(message(raw), "bob+Lists", "alice", "bob")
	mustOK(t, res)
	if res[0].Duplicate || res[1].Duplicate || !res[2].Duplicate {
		t.Errorf("duplicates = %v %v %v, want false false true", res[0].Duplicate, res[1].Duplicate, res[2].Duplicate)
	}
	if res[2].Mailbox != store.Inbox || res[2].UID != 0 {
		t.Errorf("duplicate result %+v", res[2])
	}
}

func TestOverQuota(t *testing.T) {
	big := rawMessage("big@x", "big", bigHeader(3000))
	tests := []struct {
		name        string
		strict      bool
		usedBefore  bool // alice already holds a big message
		ignoreMsg   bool
		ignoreRcpt  bool
		wantRefused bool
	}{
		{"lenient lets the crossing message in", false, false, false, false, false},
		{"lenient refuses when already over", false, true, false, false, true},
		{"strict refuses the crossing message", true, false, false, false, true},
		{"IGNOREQUOTA for the message", true, true, true, false, false},
		{"IGNOREQUOTA for the recipient", true, true, false, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(o *Options) { o.StrictQuota = tc.strict })
			e.user("alice", "bob")
			ctx := context.Background()
			if tc.usedBefore {
				m := message(rawMessage("old@x", "old", bigHeader(3000)))
				m.IgnoreQuota = true
				mustOK(t, e.deliver(m, "alice"))
			}
			if err := e.account("alice").SetQuota(ctx, store.QuotaLimits{StorageKB: 2, Messages: store.Unlimited}); err != nil {
				t.Fatal(err)
			}
			m := message(big)
			m.IgnoreQuota = tc.ignoreMsg
			targets := e.resolve("alice", "bob")
			targets[0].IgnoreQuota = tc.ignoreRcpt
			res := e.d.Deliver(ctx, m, targets)
			if res[1].Err != nil {
				t.Fatalf("bob: %v", res[1].Err)
			}
			refused := res[0].Err != nil
			if refused != tc.wantRefused {
				t.Fatalf("alice refused = %v (%v), want %v", refused, res[0].Err, tc.wantRefused)
			}
			if refused && (!errors.Is(res[0].Err, ErrOverQuota) || !errors.Is(res[0].Err, store.ErrOverQuota)) {
				t.Errorf("alice: err = %v, want ErrOverQuota wrapping store.ErrOverQuota", res[0].Err)
			}
			if got, want := readUID(t, e.account("bob"), store.Inbox, res[1].UID), big; !bytes.Equal(got, want) {
				t.Errorf("bob's copy differs")
			}
		})
	}
}

// TestSharedBytes: one delivery to three users writes one file that the
// three directories share (hard links), and each copy reads back whole.
func TestSharedBytes(t *testing.T) {
	e := newEnv(t, nil)
	users := []string{"alice", "bob", "carol"}
	e.user(users...)
	raw := rawMessage("shared@x", "shared", bigHeader(10000))
	res := e.deliver(message(raw), users...)
	mustOK(t, res)

	var files []string
	filepath.WalkDir(e.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && filepath.Base(filepath.Dir(filepath.Dir(p))) == "msg" {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != len(users) {
		t.Fatalf("message files: %q, want one per user", files)
	}
	first, err := os.Stat(files[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if !os.SameFile(first, fi) {
			t.Errorf("%s is not the same file as %s", f, files[0])
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Nlink) != len(users) {
			t.Errorf("%s has %d links, want %d", f, st.Nlink, len(users))
		}
	}
	for i, u := range users {
		if got := readUID(t, e.account(u), store.Inbox, res[i].UID); !bytes.Equal(got, raw) {
			t.Errorf("%s's copy differs from the message", u)
		}
	}
	ev := e.notes.all()
	if len(ev) != 3 || ev[1].User != "bob" || ev[1].Subject != "shared" || ev[1].From == "" ||
		ev[1].EnvelopeFrom != "alice@example.org" || ev[1].MessageID != "<shared@x>" || ev[1].Size != int64(len(raw)) {
		t.Errorf("notifications = %+v", ev)
	}
}

// TestUnreadableBody: a spool that cannot be read fails every recipient
// temporarily.
func TestUnreadableBody(t *testing.T) {
	e := newEnv(t, nil)
	e.user("bob")
	raw := rawMessage("x@x", "x")
	m := Message{Body: bytes.NewReader(raw), Size: int64(len(raw)) + 10}
	res := e.d.Deliver(context.Background(), m, e.resolve("bob", "bob"))
	for _, r := range res {
		if !errors.Is(r.Err, ErrTemporary) {
			t.Errorf("err = %v, want ErrTemporary", r.Err)
		}
	}
	if n := e.count("bob", store.Inbox); n != 0 {
		t.Errorf("INBOX holds %d", n)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		in   error
		want error
	}{
		{store.ErrNoUser, ErrUnknownUser},
		{store.ErrNoMailbox, ErrMailboxMissing},
		{store.ErrOverQuota, ErrOverQuota},
		{store.ErrMailboxFull, ErrTemporary},
		{context.Canceled, ErrTemporary},
	}
	for _, tc := range tests {
		got := classify(tc.in)
		if !errors.Is(got, tc.want) || !errors.Is(got, tc.in) {
			t.Errorf("classify(%v) = %v, want %v wrapping it", tc.in, got, tc.want)
		}
	}
	if classify(nil) != nil {
		t.Error("classify(nil) != nil")
	}
}

// TestReadOrMapped: messages from a spool file (mapped from mapThreshold
// on) and from memory (read), larger and smaller in turn, are stored and
// summarised each as itself.
func TestReadOrMapped(t *testing.T) {
	e := newEnv(t, nil)
	e.user("bob")
	dir := t.TempDir()
	sizes := []int{200_000, 100, 70_000, 10, mapThreshold + 10}
	for i, n := range sizes {
		subject := fmt.Sprintf("message %d", i)
		raw := rawMessage(fmt.Sprintf("reuse%d@x", i), subject, bigHeader(n))
		m := message(raw)
		if i%2 == 0 { // from a spool file, as lmtpd hands it over
			path := filepath.Join(dir, fmt.Sprintf("spool%d", i))
			if err := os.WriteFile(path, raw, 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			m.Body = f
		}
		res := e.deliver(m, "bob")
		mustOK(t, res)
		if got := readUID(t, e.account("bob"), store.Inbox, res[0].UID); !bytes.Equal(got, raw) {
			t.Errorf("message %d (%d bytes): stored %d bytes that differ", i, len(raw), len(got))
		}
		if ev := e.notes.all(); ev[len(ev)-1].Subject != subject || ev[len(ev)-1].Size != int64(len(raw)) {
			t.Errorf("message %d: notified %+v", i, ev[len(ev)-1])
		}
	}
}

package ipurge

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// testEnv: alice's INBOX and Trash and bob's Trash, each with an old
// message (delivered 30 days ago), a new one, and an old \Flagged one.
func testEnv(t *testing.T) *adminenv.Env {
	t.Helper()
	st, err := sqlite.Open(sqlite.Options{Partition: t.TempDir(), ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	old := time.Now().Add(-30 * day)
	for _, user := range []string{"alice", "bob"} {
		a, err := st.Create(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		a.CreateMailbox(ctx, "Trash", store.CreateOptions{})
		for _, box := range []string{"INBOX", "Trash"} {
			mb, _ := a.Mailbox(ctx, box)
			for _, m := range []store.NewMessage{
				{InternalDate: old},
				{},
				{InternalDate: old, Flags: []imap.Flag{imap.FlagFlagged}},
			} {
				if _, err := mb.Append(ctx, strings.NewReader("Subject: x\r\n\r\nbody\r\n"), m, store.AppendOptions{}); err != nil {
					t.Fatal(err)
				}
			}
		}
		a.Close()
	}
	return &adminenv.Env{Config: imapdconf.Default(), Store: st, Names: adminenv.Names{Sep: '/'}}
}

func run(t *testing.T, env *adminenv.Env, args ...string) (int, string, string) {
	t.Helper()
	fs, o := NewFlagSet()
	if err := o.Parse(fs, args); err != nil {
		t.Fatalf("ipurge %v: %v", args, err)
	}
	var out, errs bytes.Buffer
	return Run(context.Background(), env, o, &out, &errs), out.String(), errs.String()
}

// left counts each mailbox's messages.
func left(t *testing.T, env *adminenv.Env) map[string]uint32 {
	t.Helper()
	out := map[string]uint32{}
	for _, u := range []string{"alice", "bob"} {
		a, _ := env.Store.Open(context.Background(), u)
		list, _ := a.List(context.Background())
		for _, m := range list {
			out[env.Names.External(u, m.Name)] = m.Messages
		}
		a.Close()
	}
	return out
}

func TestPurge(t *testing.T) {
	tests := []struct {
		args []string
		want map[string]uint32
		out  string
	}{
		{[]string{"-d", "7"}, map[string]uint32{"user/alice": 3, "user/alice/Trash": 3, "user/bob": 3, "user/bob/Trash": 3}, ""},
		{[]string{"-f", "-d", "7", "user/%/Trash"}, map[string]uint32{"user/alice": 3, "user/alice/Trash": 1, "user/bob": 3, "user/bob/Trash": 1}, "user/alice/Trash: deleted 2 of 3 messages"},
		{[]string{"-f", "-s", "-X", "-d", "7", "user/alice"}, map[string]uint32{"user/alice": 2, "user/alice/Trash": 2, "user/bob": 3, "user/bob/Trash": 3}, "user/alice: deleted 1 of 3"},
		{[]string{"-f", "-M", "-d", "7", "user/alice"}, map[string]uint32{"user/alice": 1, "user/alice/Trash": 3, "user/bob": 3, "user/bob/Trash": 3}, ""},
		{[]string{"-f", "-i", "-d", "7", "user/bob/Trash"}, map[string]uint32{"user/alice": 3, "user/alice/Trash": 3, "user/bob": 3, "user/bob/Trash": 2}, ""},
		{[]string{"-f", "-n", "-d", "7"}, map[string]uint32{"user/alice": 3, "user/alice/Trash": 3, "user/bob": 3, "user/bob/Trash": 3}, "user/bob: would delete 2 of 3 messages"},
		{[]string{"-f", "-o", "-b", "0"}, map[string]uint32{"user/alice": 3, "user/alice/Trash": 3, "user/bob": 3, "user/bob/Trash": 3}, ""},
		{[]string{"-f", "-b", "1000000"}, map[string]uint32{"user/alice": 3, "user/alice/Trash": 3, "user/bob": 3, "user/bob/Trash": 3}, ""},
		{[]string{"-f", "-k", "0"}, map[string]uint32{"user/alice": 0, "user/alice/Trash": 0, "user/bob": 0, "user/bob/Trash": 0}, ""},
	}
	for _, tt := range tests {
		env := testEnv(t)
		rc, out, errs := run(t, env, tt.args...)
		got := left(t, env)
		if rc != 0 || !strings.Contains(out+errs, tt.out) {
			t.Errorf("ipurge %v: rc %d\n%s%s", tt.args, rc, out, errs)
		}
		for box, n := range tt.want {
			if got[box] != n {
				t.Errorf("ipurge %v: %s has %d messages, want %d", tt.args, box, got[box], n)
			}
		}
	}
}

// A message the user marked \Deleted but ipurge does not select stays.
func TestPurgeLeavesUsersDeleted(t *testing.T) {
	env := testEnv(t)
	ctx := context.Background()
	a, _ := env.Store.Open(ctx, "alice")
	mb, _ := a.Mailbox(ctx, "INBOX")
	mb.StoreFlags(ctx, imap.UIDSetNum(2), store.StoreRequest{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}})
	a.Close()
	run(t, env, "-f", "-d", "7", "-M", "user/alice")
	a, _ = env.Store.Open(ctx, "alice")
	defer a.Close()
	mb, _ = a.Mailbox(ctx, "INBOX")
	msgs, _ := mb.Fetch(ctx, imap.UIDSet{{Start: 1, Stop: 0}}, store.FetchOptions{})
	if len(msgs) != 1 || msgs[0].UID != 2 {
		t.Errorf("INBOX holds %+v, want only UID 2 (new, marked \\Deleted by the user)", msgs)
	}
}

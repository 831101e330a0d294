package reconstruct

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/adminenv"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// testEnv is an Env on a store in a temporary directory, with alice's
// INBOX and Work holding a message each.
func testEnv(t *testing.T) (*adminenv.Env, string) {
	t.Helper()
	part := t.TempDir()
	st, err := sqlite.Open(sqlite.Options{Partition: part, ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	a, err := st.Create(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.CreateMailbox(ctx, "Work", store.CreateOptions{})
	for _, box := range []string{"INBOX", "Work"} {
		mb, _ := a.Mailbox(ctx, box)
		if _, err := mb.Append(ctx, strings.NewReader("Subject: "+box+"\r\n\r\nx\r\n"), store.NewMessage{}, store.AppendOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	env := &adminenv.Env{Config: imapdconf.Default(), Store: st, Partition: part, Names: adminenv.Names{Sep: '/'}}
	return env, filepath.Join(part, "a", "user", "alice")
}

// run parses args and runs reconstruct, returning the exit status and
// what it printed.
func run(t *testing.T, env *adminenv.Env, args ...string) (int, string, string) {
	t.Helper()
	fs, o := NewFlagSet()
	if err := o.Parse(fs, args); err != nil {
		return adminenv.ExitUsage, "", err.Error()
	}
	var out, errs bytes.Buffer
	rc := Run(context.Background(), env, o, &out, &errs)
	return rc, out.String(), errs.String()
}

func TestRunRebuildsLostDatabase(t *testing.T) {
	env, dir := testEnv(t)
	env.Store.(*sqlite.Store).Close() // let go of the database as a new process would have it
	st, _ := sqlite.Open(sqlite.Options{Partition: env.Partition})
	t.Cleanup(func() { st.Close() })
	env.Store = st
	for _, ext := range []string{"", "-wal", "-shm"} {
		os.Remove(filepath.Join(dir, "corvus.db"+ext))
	}
	rc, out, errs := run(t, env, "-u", "alice")
	if rc != 0 || !strings.Contains(out, "user/alice: rebuilt: the database is missing") || strings.Count(out, ": added: UID ") != 2 {
		t.Fatalf("rc %d\n%s\n%s", rc, out, errs)
	}
	rc, out, _ = run(t, env, "-q")
	if rc != 0 || out != "" {
		t.Errorf("second run: rc %d %q", rc, out)
	}
}

func TestRunArguments(t *testing.T) {
	env, _ := testEnv(t)
	tests := []struct {
		args []string
		rc   int
		out  string // expected in stdout or stderr
	}{
		{[]string{"user/alice/Work"}, 0, "user/alice\n"},
		{[]string{"-r", "user/alice"}, 0, "user/alice\n"},
		{[]string{"user/alice/Nope"}, 1, "no such mailbox"},
		{[]string{"shared"}, 1, "no shared mailboxes"},
		{[]string{"-V", "3", "user/alice"}, 64, "no index file versions"},
		{[]string{"-P"}, 64, "no cyrus.header"},
		{[]string{"-r"}, 64, "recurse from"},
		{[]string{"-o", "-O"}, 64, "contradict"},
		{[]string{"-grace", "soon"}, 64, "not a duration"},
		{[]string{"-p", "other"}, 64, "partition-default"},
		{[]string{"-n", "-u", "alice"}, 0, "dry run"},
		{[]string{"-u", "../x"}, 1, "invalid name"},
	}
	for _, tt := range tests {
		rc, out, errs := run(t, env, tt.args...)
		if rc != tt.rc || !strings.Contains(out+errs, tt.out) {
			t.Errorf("reconstruct %v: rc %d, want %d with %q\nstdout %s\nstderr %s", tt.args, rc, tt.rc, tt.out, out, errs)
		}
	}
}

// A mailbox named alone limits the per-mailbox checks to it.
func TestRunScope(t *testing.T) {
	env, dir := testEnv(t)
	fs, o := NewFlagSet()
	o.Parse(fs, []string{"-r", "user/alice/Work"})
	targets, errs := o.targets(context.Background(), env, env.Store.(store.Reconstructor))
	if len(errs) != 0 || len(targets) != 1 || len(targets[0].mailboxes) != 1 || targets[0].mailboxes[0] != "Work" {
		t.Fatalf("targets %+v %v", targets, errs)
	}
	// A missing file of INBOX is left alone when only Work is checked.
	files, _ := filepath.Glob(filepath.Join(dir, "msg", "*", "*"))
	for _, f := range files {
		os.Remove(f)
	}
	_, out, _ := run(t, env, "user/alice/Work")
	if !strings.Contains(out, "user/alice/Work: missing") || strings.Contains(out, "user/alice: missing") {
		t.Errorf("scoped run:\n%s", out)
	}
}

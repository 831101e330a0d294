package procinfo

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestTableFlush(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "proc")
	f := NewFile(dir, os.Getpid())
	tab := NewTable(f)
	steps := []struct {
		do   func()
		want string // "-" for no file
	}{
		{func() {}, "-"},
		{func() { tab.Set(2, Entry{Service: "imap", Host: "[b]", State: StateConnected}) }, "imap\t[b]\t\t\tconnected\n"},
		{func() { tab.Set(1, Entry{"imap", "[a]", "alice", "INBOX", StateIdle}) },
			"imap\t[a]\talice\tINBOX\tidle\nimap\t[b]\t\t\tconnected\n"},
		{func() { tab.Delete(1) }, "imap\t[b]\t\t\tconnected\n"},
		{func() { tab.Delete(2) }, "-"},
		{func() { tab.Set(3, Entry{Service: "lmtp", Host: "[c]", State: StateLMTP}) }, "lmtp\t[c]\t\t\tlmtp\n"},
	}
	for i, s := range steps {
		s.do()
		if err := tab.Flush(); err != nil {
			t.Fatalf("step %d: Flush: %v", i, err)
		}
		b, err := os.ReadFile(f.Path())
		got := string(b)
		if errors.Is(err, fs.ErrNotExist) {
			got = "-"
		}
		if got != s.want {
			t.Errorf("step %d: file = %q, want %q", i, got, s.want)
		}
	}
	fi, err := os.Stat(f.Path())
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode: %v %v", fi, err)
	}
	if di, err := os.Stat(dir); err != nil || di.Mode().Perm() != 0o700 {
		t.Errorf("dir mode: %v %v", di, err)
	}
	if tab.Set(3, Entry{Service: "lmtp", Host: "[c]", State: StateLMTP}) {
		t.Error("Set of an unchanged entry reported a change")
	}
	tab.Delete(3)
	tab.Flush()
}

// A shorter content after a longer one leaves nothing of the old.
func TestFileRewriteShorter(t *testing.T) {
	f := NewFile(t.TempDir(), 1)
	for _, s := range []string{"a long first line\n", "short\n"} {
		if err := f.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(f.Path()); string(b) != s {
			t.Fatalf("file = %q, want %q", b, s)
		}
	}
	if err := f.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.Path()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("file still there: %v", err)
	}
}

func TestList(t *testing.T) {
	dir := t.TempDir()
	me := os.Getpid()
	write := func(name, s string, mtime time.Time) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		if !mtime.IsZero() {
			os.Chtimes(p, mtime, mtime)
		}
	}
	write(itoa(me), "imap\t[a]\talice\tINBOX\tidle\nimap\t[b]\tbob\t\thibernated\n", time.Time{})
	write(itoa(deadPID(t)), "imap\t[c]\tcarol\t\tidle\n", time.Time{})
	write(itoa(os.Getppid()), "imap\t[d]\tdave\t\tidle\n", time.Unix(1, 0)) // older than its process: pid reused
	write("1234.kick", "*\n", time.Time{})
	write("notapid", "imap\t[e]\n", time.Time{})
	got, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].PID != me || got[0].User != "alice" || got[1].User != "bob" || got[1].State != StateHibernated {
		t.Fatalf("List = %+v", got)
	}
	if l, err := List(filepath.Join(dir, "missing")); err != nil || l != nil {
		t.Errorf("List of a missing dir = %v, %v", l, err)
	}
}

func TestKickRequest(t *testing.T) {
	dir := t.TempDir()
	if u, err := TakeKick(dir, 7); err != nil || u != nil {
		t.Fatalf("no request: %v %v", u, err)
	}
	RequestKick(dir, 7, "alice")
	RequestKick(dir, 7, KickAll, "bad\nname")
	u, err := TakeKick(dir, 7)
	want := []string{"alice", "*", "bad?name"}
	if err != nil || len(u) != 3 || u[0] != want[0] || u[1] != want[1] || u[2] != want[2] {
		t.Fatalf("TakeKick = %q, %v", u, err)
	}
	if u, _ := TakeKick(dir, 7); u != nil {
		t.Errorf("request taken twice: %q", u)
	}
}

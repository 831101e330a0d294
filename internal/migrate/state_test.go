package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	s, err := LoadState(path) // missing: empty
	if err != nil || len(s.Boxes) != 0 {
		t.Fatalf("LoadState of a missing file = %+v, %v", s, err)
	}
	b := MailboxState{UIDValidity: 7, UIDNext: 12, HighestModSeq: 99, Messages: 3, TargetModSeq: 40}
	s.Set("cyrus:143", "alice", "Work/Projects", b)
	s.Set("cyrus:143", "alice", "Sent", b)
	s.Forget("cyrus:143", "alice", "Sent")
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host, user, box string
		ok              bool
	}{
		{"cyrus:143", "alice", "Work/Projects", true},
		{"cyrus:143", "alice", "Sent", false},
		{"other:143", "alice", "Work/Projects", false},
		{"cyrus:143", "bob", "Work/Projects", false},
	}
	for _, tt := range tests {
		v, ok := got.Get(tt.host, tt.user, tt.box)
		if ok != tt.ok || ok && v != b {
			t.Errorf("Get(%s, %s, %s) = %+v, %v; want ok %v", tt.host, tt.user, tt.box, v, ok, tt.ok)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".imapmigrate-state-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestParseStateErrors(t *testing.T) {
	for _, in := range []string{"", "{", `{"version": 2}`, `[]`} {
		if _, err := ParseState(strings.NewReader(in)); err == nil {
			t.Errorf("ParseState(%q) succeeded", in)
		}
	}
	path := filepath.Join(t.TempDir(), "bad")
	os.WriteFile(path, []byte("garbage"), 0o600)
	if _, err := LoadState(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("LoadState of garbage: %v, want an error naming the file", err)
	}
}

func FuzzParseState(f *testing.F) {
	f.Add(`{"version":1,"mailboxes":{"h u":{"INBOX":{"uidvalidity":1}}}}`)
	f.Add(`{"version":1}`)
	f.Add(`{"version":1,"mailboxes":{"h u":null}}`)
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseState(strings.NewReader(in))
		if err != nil {
			return
		}
		s.Set("h", "u", "INBOX", MailboxState{}) // must not panic on what was read
		if _, ok := s.Get("h", "u", "INBOX"); !ok {
			t.Fatal("Set then Get failed")
		}
	})
}

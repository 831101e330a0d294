package saslauthd

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/auth"
)

// answer accepts alice/wonder (any realm) and says NO otherwise.
func answer(f []string) []byte {
	if f[0] == "alice" && f[1] == "wonder" {
		return counted("OK")
	}
	return counted(`NO "authentication failed"`)
}

func TestClientAgainstFake(t *testing.T) {
	d := startFake(t, answer)
	c := New(d.path)
	ctx := context.Background()
	tests := []struct {
		user, pass, realm string
		want              error
		sent              []string // fields the daemon saw; nil: not contacted
	}{
		{"alice", "wonder", "", nil, []string{"alice", "wonder", "imap", "", ""}},
		{"alice@example.com", "wonder", "", nil, []string{"alice", "wonder", "imap", "example.com", ""}},
		{"alice", "wonder", "realm", nil, []string{"alice", "wonder", "imap", "realm", ""}},
		{"alice", "nope", "", auth.ErrBadCredentials, []string{"alice", "nope", "imap", "", ""}},
		{"alice", "", "", auth.ErrBadCredentials, nil},
		{"@example.com", "x", "", auth.ErrBadCredentials, nil},
		{"alice", "wonder\x00junk", "", auth.ErrBadCredentials, nil},
		{"alice", strings.Repeat("p", MaxField+1), "", auth.ErrBadCredentials, nil},
	}
	for _, tt := range tests {
		d.mu.Lock()
		d.seen = nil
		d.mu.Unlock()
		err := c.Check(ctx, tt.user, tt.pass, "imap", tt.realm)
		if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
			t.Errorf("Check(%q, %q) = %v, want %v", tt.user, tt.pass, err, tt.want)
		}
		d.mu.Lock()
		var got []string
		if len(d.seen) > 0 {
			got = d.seen[0]
		}
		d.mu.Unlock()
		if !slices.Equal(got, tt.sent) {
			t.Errorf("Check(%q): daemon saw %q, want %q", tt.user, got, tt.sent)
		}
	}
}

func TestClientUnavailable(t *testing.T) {
	var hang chan struct{} // closed when a subtest ends, to release the fake
	tests := []struct {
		name  string
		reply func([]string) []byte
	}{
		{"closes without answer", func([]string) []byte { return nil }},
		{"garbage", func([]string) []byte { return counted("HELLO") }},
		{"short", func([]string) []byte { return counted("O") }},
		{"truncated", func([]string) []byte { return []byte{0, 10, 'O', 'K'} }},
		{"slow", func([]string) []byte { <-hang; return counted("OK") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hang = make(chan struct{})
			d := startFake(t, tt.reply)
			t.Cleanup(func() { close(hang) })
			c := New(d.path)
			c.Timeout = 200 * time.Millisecond
			if err := c.Check(context.Background(), "alice", "wonder", "imap", ""); !errors.Is(err, auth.ErrUnavailable) {
				t.Errorf("got %v, want ErrUnavailable", err)
			}
		})
	}
	c := New(filepath.Join(t.TempDir(), "nothing-here"))
	if err := c.Check(context.Background(), "alice", "wonder", "imap", ""); !errors.Is(err, auth.ErrUnavailable) {
		t.Errorf("no socket: %v", err)
	}
}

func TestClientCancel(t *testing.T) {
	hang := make(chan struct{})
	d := startFake(t, func([]string) []byte { <-hang; return nil })
	t.Cleanup(func() { close(hang) })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	err := New(d.path).Check(ctx, "alice", "wonder", "imap", "")
	if !errors.Is(err, auth.ErrUnavailable) || !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
	if time.Since(start) > 1500*time.Millisecond {
		t.Error("cancel did not interrupt the read")
	}
}

func TestEncodeRequest(t *testing.T) {
	got, err := EncodeRequest("u", "pw", "imap", "", "1.2.3.4;5")
	want := []byte("\x00\x01u\x00\x02pw\x00\x04imap\x00\x00\x00\x091.2.3.4;5")
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("EncodeRequest = %q, %v; want %q", got, err, want)
	}
	for _, bad := range [][5]string{
		{"u\x00", "p", "s", "r", ""},
		{"u", "p", "s", strings.Repeat("r", MaxField+1), ""},
	} {
		if _, err := EncodeRequest(bad[0], bad[1], bad[2], bad[3], bad[4]); !errors.Is(err, ErrField) {
			t.Errorf("EncodeRequest(%q) = %v", bad, err)
		}
	}
	if _, err := EncodeRequest(strings.Repeat("u", MaxField), "p", "s", "", ""); err != nil {
		t.Errorf("a field of exactly MaxField bytes: %v", err)
	}
}

func TestReadReply(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		text string
		err  bool
	}{
		{"\x00\x02OK", true, "OK", false},
		{"\x00\x0bOK Success.", true, "OK Success.", false},
		{"\x00\x1aNO \"authentication failed\"", false, `NO "authentication failed"`, false},
		{"\x00\x02NO", false, "NO", false},
		{"\x00\x02ok", false, "", true},
		{"\x00\x01O", false, "", true},
		{"\x00\x00", false, "", true},
		{"\xff\xffOK", false, "", true},
		{"\x00", false, "", true},
		{"\x00\x05OK", false, "", true},
	}
	for _, tt := range tests {
		r, err := ReadReply(strings.NewReader(tt.in))
		if (err != nil) != tt.err || r.OK != tt.ok || r.Text != tt.text {
			t.Errorf("ReadReply(%q) = %+v, %v", tt.in, r, err)
		}
	}
}

func TestSplitUser(t *testing.T) {
	tests := []struct{ user, realm, wantLogin, wantRealm string }{
		{"alice", "", "alice", ""},
		{"alice", "r", "alice", "r"},
		{"alice@example.com", "r", "alice", "example.com"},
		{"a@b@c", "", "a@b", "c"},
	}
	for _, tt := range tests {
		l, r := SplitUser(tt.user, tt.realm)
		if l != tt.wantLogin || r != tt.wantRealm {
			t.Errorf("SplitUser(%q, %q) = %q, %q", tt.user, tt.realm, l, r)
		}
	}
}

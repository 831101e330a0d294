package passwd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/auth/scram"
	"github.com/rs/zerolog"
)

func cheapLine(t *testing.T, user, password string) string {
	t.Helper()
	h, err := HashParams(password, cheap, bytes.NewReader(bytes.Repeat([]byte(user[:1]), 64)))
	if err != nil {
		t.Fatal(err)
	}
	return user + ":" + h
}

func writeFile(t *testing.T, path string, mode os.FileMode, lines ...string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// bump gives the file a new modification time, as an edit a moment later
// would, without sleeping for the filesystem's timestamp granularity.
func bump(t *testing.T, path string, d time.Duration) {
	t.Helper()
	mt := time.Now().Add(d)
	if err := os.Chtimes(path, mt, mt); err != nil {
		t.Fatal(err)
	}
}

func TestFileCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corvus.passwd")
	var logs bytes.Buffer
	writeFile(t, path, 0o600,
		"# users",
		cheapLine(t, "alice", "wonder"),
		"broken line",
		"user:{SCRAM-SHA-256}"+rfcScram(t),
		cheapLine(t, "alice", "second-line-loses"),
	)
	f := Open(path, zerolog.New(&logs))
	ctx := context.Background()
	tests := []struct {
		user, password string
		want           error
	}{
		{"alice", "wonder", nil},
		{"alice", "second-line-loses", auth.ErrBadCredentials},
		{"user", "pencil", nil},
		{"user", "pencil2", auth.ErrBadCredentials},
		{"nobody", "wonder", auth.ErrBadCredentials},
	}
	for _, tt := range tests {
		if err := f.Check(ctx, tt.user, tt.password, "imap", ""); !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
			t.Errorf("Check(%s, %s) = %v, want %v", tt.user, tt.password, err, tt.want)
		}
	}
	if _, err := f.ScramSecrets(ctx, "alice"); err != nil {
		t.Errorf("ScramSecrets(alice): %v", err)
	}
	if _, err := f.ScramSecrets(ctx, "nobody"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Errorf("ScramSecrets(nobody): %v", err)
	}
	out := logs.String()
	for _, want := range []string{`"line":3`, `"line":5`, "first line wins"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{"wonder", "pencil", "argon2id$", "broken"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
}

func TestFileReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "corvus.passwd")
	writeFile(t, path, 0o600, cheapLine(t, "alice", "one"))
	f := Open(path, zerolog.Nop())
	ctx := context.Background()
	check := func(step, user, pw string, want error) {
		t.Helper()
		if err := f.Check(ctx, user, pw, "imap", ""); !errors.Is(err, want) || (want == nil && err != nil) {
			t.Errorf("%s: Check(%s, %s) = %v, want %v", step, user, pw, err, want)
		}
	}
	check("start", "alice", "one", nil)

	// Same size, new password, edited in place.
	writeFile(t, path, 0o600, cheapLine(t, "alice", "two"))
	bump(t, path, time.Second)
	check("edited in place", "alice", "two", nil)
	check("edited in place", "alice", "one", auth.ErrBadCredentials)

	// Replaced by rename, as editors and tools do.
	tmp := filepath.Join(dir, "new")
	writeFile(t, tmp, 0o600, cheapLine(t, "alice", "two"), cheapLine(t, "bob", "three"))
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	check("renamed", "bob", "three", nil)

	// Made world-readable: refused until fixed.
	os.Chmod(path, 0o644)
	check("world-readable", "alice", "two", auth.ErrUnavailable)
	os.Chmod(path, 0o640)
	check("fixed", "alice", "two", nil)

	os.Remove(path)
	check("missing", "alice", "two", auth.ErrUnavailable)
	if _, err := f.ScramSecrets(ctx, "alice"); !errors.Is(err, auth.ErrUnavailable) {
		t.Errorf("ScramSecrets on a missing file: %v", err)
	}
}

func TestFileWarnsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corvus.passwd")
	writeFile(t, path, 0o666, cheapLine(t, "alice", "x"))
	var logs bytes.Buffer
	f := Open(path, zerolog.New(&logs))
	for i := 0; i < 3; i++ {
		f.Check(context.Background(), "alice", "x", "imap", "")
	}
	if n := strings.Count(logs.String(), "accessible to others"); n != 1 {
		t.Errorf("warned %d times:\n%s", n, logs.String())
	}
}

// TestFileWithServer runs SCRAM and PLAIN through auth.Server against the
// file, RFC 7677's user included.
func TestFileWithServer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corvus.passwd")
	writeFile(t, path, 0o600, "user:{SCRAM-SHA-256}"+rfcScram(t), cheapLine(t, "alice", "wonder"))
	f := Open(path, zerolog.Nop())
	srv := auth.NewServer(auth.ServerOptions{Config: auth.Config{UsernameToLower: true}, Checker: f, Scram: f})
	ctx := context.Background()
	for _, c := range []*scram.Client{
		{Username: "user", Password: "pencil"},
		{Username: "alice", Password: "wonder"},
	} {
		x, err := srv.Start("SCRAM-SHA-256", auth.ConnState{})
		if err != nil {
			t.Fatal(err)
		}
		_, msg, _ := c.Start()
		for done := false; !done; {
			var ch []byte
			if ch, done, err = x.Next(ctx, msg); err != nil {
				t.Fatalf("%s: %v", c.Username, err)
			}
			if !done {
				msg, err = c.Next(ch)
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		if x.Identity().Authz != c.Username {
			t.Errorf("identity %+v", x.Identity())
		}
	}
	if id, err := srv.Login(ctx, auth.ConnState{TLS: true}, "Alice", "wonder"); err != nil || id.Authz != "alice" {
		t.Errorf("Login: %+v, %v", id, err)
	}
}

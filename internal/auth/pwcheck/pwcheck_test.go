package pwcheck

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/auth/passwd"
	"github.com/corvusmail/corvus/internal/auth/saslauthd"
	"github.com/rs/zerolog"
)

func TestNew(t *testing.T) {
	dir := t.TempDir()
	pwfile := filepath.Join(dir, "corvus.passwd")
	cheap := passwd.Params{Argon2Memory: 64, Argon2Time: 1, Argon2Threads: 1, ScramIterations: 4096}
	h, err := passwd.HashParams("wonder", cheap, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pwfile, []byte("alice:"+h+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := auth.Config{PasswdFile: pwfile, SaslauthdPath: filepath.Join(dir, "no-saslauthd")}
	tests := []struct {
		methods   string
		wantErr   bool
		wantScram bool
		alice     error // Check("alice", "wonder")
		mallory   error // Check("mallory", "x")
	}{
		{methods: "", wantScram: true, alice: nil, mallory: auth.ErrBadCredentials},
		{methods: "auxprop", wantScram: true, alice: nil, mallory: auth.ErrBadCredentials},
		{methods: "saslauthd", alice: auth.ErrUnavailable, mallory: auth.ErrUnavailable},
		{methods: "saslauthd auxprop", wantScram: true, alice: nil, mallory: auth.ErrBadCredentials},
		{methods: "alwaystrue", alice: nil, mallory: nil},
		{methods: "pam", wantErr: true},
	}
	for _, tt := range tests {
		cfg := base
		cfg.PwcheckMethods = strings.Fields(tt.methods)
		var logs bytes.Buffer
		ch, store, err := New(cfg, zerolog.New(&logs))
		if (err != nil) != tt.wantErr {
			t.Errorf("%q: err = %v", tt.methods, err)
		}
		if err != nil {
			continue
		}
		if (store != nil) != tt.wantScram {
			t.Errorf("%q: SCRAM store = %v", tt.methods, store)
		}
		ctx := context.Background()
		for _, c := range []struct {
			user, pw string
			want     error
		}{{"alice", "wonder", tt.alice}, {"mallory", "x", tt.mallory}} {
			if err := ch.Check(ctx, c.user, c.pw, "imap", ""); !errors.Is(err, c.want) || (c.want == nil && err != nil) {
				t.Errorf("%q: Check(%s) = %v, want %v", tt.methods, c.user, err, c.want)
			}
		}
		if tt.methods == "alwaystrue" && !strings.Contains(logs.String(), "testing only") {
			t.Errorf("alwaystrue did not warn at start: %s", logs.String())
		}
		if strings.Contains(logs.String(), "wonder") {
			t.Errorf("%q: a password reached the log", tt.methods)
		}
	}
}

func TestNewBuildsTypes(t *testing.T) {
	ch, _, err := New(auth.Config{PwcheckMethods: []string{"saslauthd"}, SaslauthdPath: "/x/mux"}, zerolog.Nop())
	if c, ok := ch.(*saslauthd.Client); err != nil || !ok || c.Path != "/x/mux" {
		t.Errorf("saslauthd: %s, %v", fmt.Sprintf("%T", ch), err)
	}
}

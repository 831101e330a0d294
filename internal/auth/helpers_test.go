package auth

import (
	"context"
	"fmt"

	"github.com/corvusmail/corvus/internal/auth/scram"
)

// fakeChecker accepts the passwords in its map and records what it saw.
type fakeChecker struct {
	passwords map[string]string
	down      bool
	seen      []string // "user/service/realm" of each call
}

func (f *fakeChecker) Check(_ context.Context, user, password, service, realm string) error {
	f.seen = append(f.seen, user+"/"+service+"/"+realm)
	if f.down {
		return fmt.Errorf("socket: %w", ErrUnavailable)
	}
	if p, ok := f.passwords[user]; ok && p == password {
		return nil
	}
	return ErrBadCredentials
}

// fakeScram derives stored keys for the users in its map.
type fakeScram map[string]string

func (f fakeScram) ScramSecrets(_ context.Context, user string) (scram.Secrets, error) {
	pw, ok := f[user]
	if !ok {
		return scram.Secrets{}, fmt.Errorf("user %q: %w", user, ErrBadCredentials)
	}
	return scram.NewSecrets(pw, []byte("salt-of-"+user), scram.MinIterations)
}

// testServer has users alice (password "wonder") and admin "cyrus"
// (password "root"), every backend, and Cyrus's defaults otherwise.
func testServer(mod func(*ServerOptions)) (*Server, *fakeChecker) {
	users := map[string]string{"alice": "wonder", "cyrus": "root", "bob@example.com": "builder"}
	fc := &fakeChecker{passwords: users}
	opt := ServerOptions{
		Config: Config{
			UsernameToLower: true, DefaultDomain: "example.org", VirtDomains: VirtDomainsUserid,
			Admins: []string{"cyrus"},
		},
		Checker: fc,
		Scram:   fakeScram(users),
		OAuth: func(_ context.Context, r TokenRequest) (string, error) {
			if r.Token == "good-token-for-alice" {
				return "Alice", nil
			}
			return "", fmt.Errorf("unknown token")
		},
	}
	if mod != nil {
		mod(&opt)
	}
	return NewServer(opt), fc
}

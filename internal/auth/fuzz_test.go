package auth

import (
	"context"
	"testing"
)

// fuzzExchange feeds up to three client messages to a mechanism. It must
// never panic, and never succeed unless the messages carry alice's
// password (or, for PLAIN/LOGIN, cyrus's).
func fuzzExchange(t *testing.T, mech string, msgs ...[]byte) {
	s, _ := testServer(nil)
	x, err := s.Start(mech, ConnState{TLS: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, m := range msgs {
		_, done, err := x.Next(ctx, m)
		if err != nil {
			if x.Identity() != (Identity{}) {
				t.Fatalf("failed exchange has an identity")
			}
			return
		}
		if done {
			id := x.Identity()
			if id.Authn != "alice" && id.Authn != "cyrus" {
				t.Fatalf("%s succeeded as %+v with %q", mech, id, msgs)
			}
			return
		}
	}
}

func FuzzPlain(f *testing.F) {
	for _, s := range []string{"\x00alice\x00wonder", "alice\x00alice\x00wonder", "\x00\x00", "a\x00b\x00c\x00d", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, msg []byte) { fuzzExchange(t, "PLAIN", msg) })
}

func FuzzLogin(f *testing.F) {
	f.Add([]byte("alice"), []byte("wonder"), []byte(""))
	f.Add([]byte(""), []byte("alice"), []byte("wonder"))
	f.Add([]byte("al\x00ice"), []byte("x"), []byte("y"))
	f.Fuzz(func(t *testing.T, a, b, c []byte) { fuzzExchange(t, "LOGIN", a, b, c) })
}

func FuzzOAuthBearer(f *testing.F) {
	f.Add([]byte("n,a=alice,\x01host=h\x01port=143\x01auth=Bearer good-token-for-alice\x01\x01"), []byte{1})
	f.Add([]byte("n,,\x01auth=Bearer bad\x01\x01"), []byte{})
	f.Add([]byte("n,a=x=2Cy,\x01port=99999\x01\x01"), []byte("x"))
	f.Add([]byte("y,,"), []byte{1})
	f.Fuzz(func(t *testing.T, a, b []byte) { fuzzExchange(t, "OAUTHBEARER", a, b) })
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"alice", "Bob@Example.COM", "a%b", "@", "a@b@c", "../x", "anyone", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, user string) {
		n := NewNames(Config{VirtDomains: VirtDomainsOn, DefaultDomain: "example.org", UsernameToLower: true})
		c, err := n.Canonical(user, "example.net")
		if err != nil {
			return
		}
		if ValidateUser(c) != nil {
			t.Fatalf("Canonical(%q) = %q, which is invalid", user, c)
		}
		// Canonical names are fixed points.
		if c2, err := n.Canonical(c, "example.net"); err != nil || c2 != c {
			t.Fatalf("Canonical(%q) = %q, but Canonical(%q) = %q, %v", user, c, c, c2, err)
		}
	})
}

package scram

import (
	"context"
	"testing"
)

func FuzzParseClientFirst(f *testing.F) {
	for _, s := range []string{rfcClientFirst, "y,a=x=2C,n=u,r=n,e=1", "p=tls-exporter,,n=u,r=x", "n,,m=x,n=u,r=x", "n,,n=a=3D,r=x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		cf, err := ParseClientFirst(msg)
		if err != nil {
			return
		}
		// Whatever parses must be consistent with the input it came from.
		if cf.GS2Header+cf.Bare != string(msg) || cf.Username == "" || !validNonce(cf.Nonce) {
			t.Fatalf("inconsistent parse of %q: %+v", msg, cf)
		}
	})
}

func FuzzParseClientFinal(f *testing.F) {
	for _, s := range []string{rfcClientFinal, "c=biws,r=x,p=", "c=,r=,p=", "c=biws,r=abc,e=1,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		cf, err := ParseClientFinal(msg)
		if err != nil {
			return
		}
		if len(cf.Proof) != KeyLen || !validNonce(cf.Nonce) || len(cf.WithoutProof) >= len(msg) {
			t.Fatalf("inconsistent parse of %q: %+v", msg, cf)
		}
	})
}

// FuzzServer drives a whole conversation with arbitrary client messages:
// it must never panic and never succeed without the right proof.
func FuzzServer(f *testing.F) {
	f.Add([]byte(rfcClientFirst), []byte(rfcClientFinal), []byte{})
	f.Add([]byte("n,,n=user,r=x"), []byte("c=biws,r=x,p=AAAA"), []byte("x"))
	f.Add([]byte("y,,n=ghost,r=x"), []byte(""), []byte(""))
	f.Fuzz(func(t *testing.T, first, final, last []byte) {
		sec := Secrets{Iterations: 4096, Salt: []byte("salt"), StoredKey: make([]byte, 32), ServerKey: make([]byte, 32)}
		srv := NewServer(Options{
			Lookup: lookupOf(map[string]Secrets{"user": sec}),
			Nonce:  func() (string, error) { return "srv", nil },
		})
		ctx := context.Background()
		for _, m := range [][]byte{first, final, last} {
			if _, done, err := srv.Next(ctx, m); err != nil {
				return
			} else if done {
				t.Fatalf("conversation succeeded with %q / %q / %q", first, final, last)
			}
		}
	})
}

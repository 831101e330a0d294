package auth

import (
	"context"
	"errors"
	"testing"

	"github.com/corvusmail/corvus/internal/auth/scram"
	"github.com/emersion/go-sasl"
)

// authenticate drives x with client the way an IMAP server does: the
// initial response if ir, else an empty first challenge, then challenges
// and responses until done.
func authenticate(t *testing.T, x *Exchange, client sasl.Client, ir bool) (Identity, error) {
	t.Helper()
	ctx := context.Background()
	_, resp, err := client.Start()
	if err != nil {
		t.Fatal(err)
	}
	if !ir {
		// No initial response: the server asks (LOGIN with its name
		// prompt, the others with an empty challenge), and the client's
		// first message answers that.
		ch, done, err := x.Next(ctx, nil)
		if err != nil || done {
			return x.Identity(), err
		}
		if len(ch) != 0 && string(ch) != "Username:" {
			t.Fatalf("first challenge %q", ch)
		}
	}
	for i := 0; i < 10; i++ {
		ch, done, err := x.Next(ctx, resp)
		if err != nil || done {
			return x.Identity(), err
		}
		if resp, err = client.Next(ch); err != nil {
			t.Fatalf("client: %v", err)
		}
	}
	t.Fatal("exchange did not end")
	return Identity{}, nil
}

func TestMechanismExchanges(t *testing.T) {
	tls := ConnState{TLS: true}
	cb := []byte("tls-exporter data")
	plus := ConnState{TLS: true, ChannelBinding: func(typ string) ([]byte, bool) { return cb, typ == "tls-exporter" }}
	alice := Identity{"alice", "alice", false}
	tests := []struct {
		name    string
		cs      ConnState
		client  sasl.Client
		ir      bool
		want    Identity
		wantErr error
	}{
		{"PLAIN", tls, sasl.NewPlainClient("", "Alice", "wonder"), true, alice, nil},
		{"PLAIN", tls, sasl.NewPlainClient("", "alice", "wonder"), false, alice, nil},
		{"PLAIN", tls, sasl.NewPlainClient("alice", "alice", "wonder"), true, alice, nil},
		{"PLAIN", tls, sasl.NewPlainClient("", "alice", "nope"), true, Identity{}, ErrBadCredentials},
		{"PLAIN", tls, sasl.NewPlainClient("bob@example.com", "alice", "wonder"), true, Identity{}, ErrAuthzDenied},
		{"PLAIN", tls, sasl.NewPlainClient("alice", "cyrus", "root"), true, Identity{"cyrus", "alice", false}, nil},
		{"PLAIN", tls, sasl.NewPlainClient("cyrus@example.org", "cyrus", "root"), true, Identity{"cyrus", "cyrus", true}, nil},
		{"LOGIN", tls, sasl.NewLoginClient("alice", "wonder"), true, alice, nil},
		{"LOGIN", tls, sasl.NewLoginClient("alice", "wonder"), false, alice, nil},
		{"LOGIN", tls, sasl.NewLoginClient("alice", "nope"), true, Identity{}, ErrBadCredentials},
		{"LOGIN", tls, sasl.NewLoginClient("alice", "won\x00der"), true, Identity{}, ErrMalformed},
		{"SCRAM-SHA-256", ConnState{}, &scram.Client{Username: "alice", Password: "wonder"}, true, alice, nil},
		{"SCRAM-SHA-256", ConnState{}, &scram.Client{Username: "alice", Password: "wonder"}, false, alice, nil},
		{"SCRAM-SHA-256", ConnState{}, &scram.Client{Username: "alice", Password: "nope"}, true, Identity{}, ErrBadCredentials},
		{"SCRAM-SHA-256", ConnState{}, &scram.Client{Username: "mallory", Password: "x"}, true, Identity{}, ErrBadCredentials},
		{"SCRAM-SHA-256", ConnState{}, &scram.Client{Username: "../x", Password: "x"}, true, Identity{}, ErrBadCredentials},
		{"SCRAM-SHA-256", ConnState{}, &scram.Client{Username: "cyrus", Password: "root", Authzid: "alice"}, true, Identity{"cyrus", "alice", false}, nil},
		{"SCRAM-SHA-256", ConnState{}, &scram.Client{Username: "alice", Password: "wonder", Authzid: "cyrus"}, true, Identity{}, ErrAuthzDenied},
		{"SCRAM-SHA-256", plus, &scram.Client{Username: "alice", Password: "wonder"}, true, alice, nil},
		{"SCRAM-SHA-256-PLUS", plus, &scram.Client{Username: "alice", Password: "wonder", CBType: "tls-exporter", CBData: cb}, true, alice, nil},
		{"SCRAM-SHA-256-PLUS", plus, &scram.Client{Username: "alice", Password: "wonder", CBType: "tls-exporter", CBData: []byte("mitm")}, true, Identity{}, ErrBadCredentials},
		{"EXTERNAL", ConnState{TLS: true, ExternalID: "Alice"}, sasl.NewExternalClient(""), true, alice, nil},
		{"EXTERNAL", ConnState{TLS: true, ExternalID: "alice"}, sasl.NewExternalClient(""), false, alice, nil},
		{"EXTERNAL", ConnState{TLS: true, ExternalID: "alice"}, sasl.NewExternalClient("cyrus"), true, Identity{}, ErrAuthzDenied},
		{"EXTERNAL", ConnState{TLS: true, ExternalID: "cyrus"}, sasl.NewExternalClient("alice"), true, Identity{"cyrus", "alice", false}, nil},
		{"EXTERNAL", ConnState{TLS: true, ExternalID: "anyone"}, sasl.NewExternalClient(""), true, Identity{}, ErrBadCredentials},
		{"OAUTHBEARER", tls, sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Token: "good-token-for-alice"}), true, alice, nil},
		{"OAUTHBEARER", tls, sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Token: "good-token-for-alice", Username: "alice", Host: "h", Port: 143}), false, alice, nil},
	}
	for _, tt := range tests {
		s, _ := testServer(nil)
		x, err := s.Start(tt.name, tt.cs)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, err := authenticate(t, x, tt.client, tt.ir)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) || got != tt.want {
			t.Errorf("%s ir=%v %+v: got %+v, %v; want %+v, %v", tt.name, tt.ir, tt.client, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestOAuthBearerFailure follows RFC 7628 §3.2.2: a refused token gets a
// JSON error challenge, the client's dummy answer gets the final failure,
// whatever it sends (go-sasl itself panics on an empty one).
func TestOAuthBearerFailure(t *testing.T) {
	ctx := context.Background()
	for _, last := range [][]byte{{1}, {}, []byte("junk")} {
		s, _ := testServer(nil)
		x, _ := s.Start("OAUTHBEARER", ConnState{TLS: true})
		ch, done, err := x.Next(ctx, []byte("n,,\x01auth=Bearer stolen\x01\x01"))
		if err != nil || done || len(ch) == 0 || ch[0] != '{' {
			t.Fatalf("first step: %q, %v, %v", ch, done, err)
		}
		if _, done, err := x.Next(ctx, last); !done || !errors.Is(err, ErrBadCredentials) {
			t.Errorf("dummy %q: done=%v err=%v", last, done, err)
		}
	}
	s, _ := testServer(nil)
	x, _ := s.Start("OAUTHBEARER", ConnState{TLS: true})
	x.Next(ctx, []byte("x,,"))
	if _, _, err := x.Next(ctx, []byte{1}); !errors.Is(err, ErrMalformed) {
		t.Errorf("malformed message: %v", err)
	}
}

func TestExchangeLimits(t *testing.T) {
	ctx := context.Background()
	s, _ := testServer(nil)
	x, _ := s.Start("OAUTHBEARER", ConnState{TLS: true})
	var err error
	for i := 0; i < maxSteps+1 && err == nil; i++ {
		_, _, err = x.Next(ctx, nil) // no data: go-sasl keeps asking
	}
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("endless exchange: %v", err)
	}
	x, _ = s.Start("PLAIN", ConnState{TLS: true})
	if _, done, err := x.Next(ctx, []byte("\x00alice\x00wonder")); err != nil || !done {
		t.Fatalf("PLAIN: %v", err)
	}
	if _, _, err := x.Next(ctx, []byte("again")); !errors.Is(err, ErrMalformed) {
		t.Errorf("Next after success: %v", err)
	}
	if x.Identity().Authz != "alice" {
		t.Errorf("identity lost: %+v", x.Identity())
	}
	x, _ = s.Start("PLAIN", ConnState{TLS: true})
	if _, _, err := x.Next(ctx, []byte("no nuls")); !errors.Is(err, ErrMalformed) {
		t.Errorf("malformed PLAIN: %v", err)
	}
	if x.Identity() != (Identity{}) {
		t.Errorf("failed exchange has identity %+v", x.Identity())
	}
}

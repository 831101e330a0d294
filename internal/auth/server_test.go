package auth

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestMechanisms(t *testing.T) {
	cb := func(string) ([]byte, bool) { return []byte("x"), true }
	tests := []struct {
		name        string
		mod         func(*ServerOptions)
		cs          ConnState
		want        string
		loginDenied bool
	}{
		{"cleartext", nil, ConnState{}, "SCRAM-SHA-256", true},
		{"allowplaintext", func(o *ServerOptions) { o.Config.AllowPlaintext = true }, ConnState{},
			"SCRAM-SHA-256 OAUTHBEARER PLAIN LOGIN", false},
		{"TLS", nil, ConnState{TLS: true}, "SCRAM-SHA-256 OAUTHBEARER PLAIN LOGIN", false},
		{"imapd -p 1 is not enough", nil, ConnState{ExternalSSF: 1}, "SCRAM-SHA-256", true},
		{"imapd -p 2", nil, ConnState{ExternalSSF: 2}, "SCRAM-SHA-256 OAUTHBEARER PLAIN LOGIN", false},
		{"client certificate", nil, ConnState{TLS: true, ExternalID: "alice"},
			"SCRAM-SHA-256 EXTERNAL OAUTHBEARER PLAIN LOGIN", false},
		{"channel binding", nil, ConnState{TLS: true, ChannelBinding: cb},
			"SCRAM-SHA-256-PLUS SCRAM-SHA-256 OAUTHBEARER PLAIN LOGIN", false},
		{"sasl_mech_list", func(o *ServerOptions) { o.Config.MechList = []string{"LOGIN", "SCRAM-SHA-256"} },
			ConnState{TLS: true}, "SCRAM-SHA-256 LOGIN", false},
		{"minimum layer unmet", func(o *ServerOptions) { o.Config.MinimumLayer = 200 },
			ConnState{TLS: true, TLSSSF: 128}, "", true},
		{"minimum layer met", func(o *ServerOptions) { o.Config.MinimumLayer = 200 },
			ConnState{TLS: true, TLSSSF: 256}, "SCRAM-SHA-256 OAUTHBEARER PLAIN LOGIN", false},
		{"no backends", func(o *ServerOptions) { o.Checker, o.Scram, o.OAuth = nil, nil, nil },
			ConnState{TLS: true}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := testServer(tt.mod)
			if got := strings.Join(s.Mechanisms(tt.cs), " "); got != tt.want {
				t.Errorf("Mechanisms = %q, want %q", got, tt.want)
			}
			if got := s.LoginDisabled(tt.cs); got != tt.loginDenied {
				t.Errorf("LoginDisabled = %v, want %v", got, tt.loginDenied)
			}
		})
	}
}

func TestStartRefusals(t *testing.T) {
	s, _ := testServer(nil)
	tests := []struct {
		mech string
		cs   ConnState
		want error
	}{
		{"PLAIN", ConnState{}, ErrPrivacyRequired},
		{"CRAM-MD5", ConnState{TLS: true}, ErrNoMechanism},
		{"EXTERNAL", ConnState{TLS: true}, ErrNoMechanism},
		{"scram-sha-256-plus", ConnState{TLS: true}, ErrNoMechanism},
	}
	for _, tt := range tests {
		if _, err := s.Start(tt.mech, tt.cs); !errors.Is(err, tt.want) {
			t.Errorf("Start(%s) = %v, want %v", tt.mech, err, tt.want)
		}
	}
	if x, err := s.Start("plain", ConnState{TLS: true}); err != nil || x.Mechanism() != "PLAIN" {
		t.Errorf("lower-case mechanism name: %v", err)
	}
}

func TestLogin(t *testing.T) {
	tls := ConnState{TLS: true}
	tests := []struct {
		name, user, pass string
		cs               ConnState
		mod              func(*ServerOptions)
		want             Identity
		wantErr          error
	}{
		{"good", "Alice", "wonder", tls, nil, Identity{"alice", "alice", false}, nil},
		{"admin", "cyrus", "root", tls, nil, Identity{"cyrus", "cyrus", true}, nil},
		{"default domain stripped", "alice@example.org", "wonder", tls, nil, Identity{"alice", "alice", false}, nil},
		{"virtual domain", "bob@Example.com", "builder", tls, nil, Identity{"bob@example.com", "bob@example.com", false}, nil},
		{"wrong password", "alice", "nope", tls, nil, Identity{}, ErrBadCredentials},
		{"empty password", "alice", "", tls, nil, Identity{}, ErrBadCredentials},
		{"NUL in password", "alice", "won\x00der", tls, nil, Identity{}, ErrBadCredentials},
		{"unknown user", "mallory", "wonder", tls, nil, Identity{}, ErrBadCredentials},
		{"invalid user", "../alice", "wonder", tls, nil, Identity{}, ErrInvalidUser},
		{"reserved user", "anonymous", "x", tls, nil, Identity{}, ErrBadCredentials},
		{"no TLS", "alice", "wonder", ConnState{}, nil, Identity{}, ErrPrivacyRequired},
		{"allowplaintext", "alice", "wonder", ConnState{}, func(o *ServerOptions) { o.Config.AllowPlaintext = true },
			Identity{"alice", "alice", false}, nil},
		{"checker down", "alice", "wonder", tls, func(o *ServerOptions) { o.Checker.(*fakeChecker).down = true },
			Identity{}, ErrUnavailable},
		{"no checker", "alice", "wonder", tls, func(o *ServerOptions) { o.Checker = nil }, Identity{}, ErrUnavailable},
		{"cross realm without virtdomains", "bob@example.com", "builder", tls,
			func(o *ServerOptions) { o.Config.VirtDomains = VirtDomainsOff }, Identity{}, ErrBadCredentials},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := testServer(tt.mod)
			got, err := s.Login(context.Background(), tt.cs, tt.user, tt.pass)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) || got != tt.want {
				t.Errorf("Login = %+v, %v; want %+v, %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestCheckerSeesServiceAndCanonicalName(t *testing.T) {
	s, fc := testServer(nil)
	s.Login(context.Background(), ConnState{TLS: true, Service: "pop"}, "ALICE", "wonder")
	s.Login(context.Background(), ConnState{TLS: true}, "Bob@Example.COM", "x")
	if want := []string{"alice/pop/", "bob@example.com/imap/"}; !slices.Equal(fc.seen, want) {
		t.Errorf("checker saw %q, want %q", fc.seen, want)
	}
}

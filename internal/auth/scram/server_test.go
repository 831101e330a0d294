package scram

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// RFC 7677 §3: the example exchange for user "user", password "pencil".
const (
	rfcClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO"
	rfcServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
	rfcServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
	rfcClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
	rfcServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
)

func rfcSecrets(t *testing.T) Secrets {
	t.Helper()
	salt, _ := base64.StdEncoding.DecodeString("W22ZaJ0SNY7soEsUEjb6gQ==")
	sec, err := NewSecrets("pencil", salt, 4096)
	if err != nil {
		t.Fatal(err)
	}
	return sec
}

func lookupOf(users map[string]Secrets) Lookup {
	return func(_ context.Context, user string) (Secrets, error) {
		if s, ok := users[user]; ok {
			return s, nil
		}
		return Secrets{}, fmt.Errorf("user %q: %w", user, ErrUnknownUser)
	}
}

func TestRFC7677Vector(t *testing.T) {
	srv := NewServer(Options{
		Lookup: lookupOf(map[string]Secrets{"user": rfcSecrets(t)}),
		Nonce:  func() (string, error) { return rfcServerNonce, nil },
	})
	ctx := context.Background()
	steps := []struct {
		in, want string
		done     bool
	}{
		{rfcClientFirst, rfcServerFirst, false},
		{rfcClientFinal, rfcServerFinal, false},
		{"", "", true},
	}
	for i, st := range steps {
		ch, done, err := srv.Next(ctx, []byte(st.in))
		if err != nil || string(ch) != st.want || done != st.done {
			t.Fatalf("step %d: got (%q, %v, %v), want (%q, %v, nil)", i, ch, done, err, st.want, st.done)
		}
	}
	if srv.Username() != "user" || srv.Authzid() != "" {
		t.Errorf("identities %q/%q", srv.Username(), srv.Authzid())
	}
}

func TestNoInitialResponse(t *testing.T) {
	srv := NewServer(Options{Lookup: lookupOf(nil)})
	ch, done, err := srv.Next(context.Background(), nil)
	if err != nil || done || ch == nil || len(ch) != 0 {
		t.Fatalf("got (%q, %v, %v), want an empty challenge", ch, done, err)
	}
}

// tlsData stands for the tls-exporter value of one TLS connection.
var tlsData = []byte("exporter-bytes-of-this-connection")

func binding(cbType string) ([]byte, bool) {
	if cbType == "tls-exporter" {
		return tlsData, true
	}
	return nil, false
}

func TestConversations(t *testing.T) {
	sec, err := NewSecrets("s3cret,=", []byte("0123456789abcdef"), 4096)
	if err != nil {
		t.Fatal(err)
	}
	users := map[string]Secrets{"al,i=ce": sec}
	tests := []struct {
		name, gs2, user, password string
		cbData                    []byte
		opt                       Options
		wantErr                   error // nil: success
	}{
		{"plain success", "n,,", "al,i=ce", "s3cret,=", nil, Options{}, nil},
		{"authzid", "n,a=bo=2Cb,", "al,i=ce", "s3cret,=", nil, Options{}, nil},
		{"wrong password", "n,,", "al,i=ce", "nope", nil, Options{}, ErrInvalidProof},
		{"unknown user", "n,,", "mallory", "s3cret,=", nil, Options{}, ErrInvalidProof},
		{"y without plus", "y,,", "al,i=ce", "s3cret,=", nil, Options{}, nil},
		{"y while plus offered", "y,,", "al,i=ce", "s3cret,=", nil, Options{PlusOffered: true}, ErrChannelBinding},
		{"p on plain mechanism", "p=tls-exporter,,", "al,i=ce", "s3cret,=", tlsData, Options{ChannelBinding: binding}, ErrChannelBinding},
		{"plus success", "p=tls-exporter,,", "al,i=ce", "s3cret,=", tlsData, Options{Plus: true, ChannelBinding: binding}, nil},
		{"plus wrong data", "p=tls-exporter,,", "al,i=ce", "s3cret,=", []byte("other"), Options{Plus: true, ChannelBinding: binding}, ErrChannelBinding},
		{"plus unknown type", "p=tls-unique,,", "al,i=ce", "s3cret,=", tlsData, Options{Plus: true, ChannelBinding: binding}, ErrChannelBinding},
		{"plus without hook", "p=tls-exporter,,", "al,i=ce", "s3cret,=", tlsData, Options{Plus: true}, ErrChannelBinding},
		{"plus needs p", "n,,", "al,i=ce", "s3cret,=", nil, Options{Plus: true, ChannelBinding: binding}, ErrChannelBinding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.Lookup = lookupOf(users)
			err := converse(t, NewServer(tt.opt), tt.gs2, tt.user, tt.password, tt.cbData)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

// converse runs a whole exchange with Client and returns the first
// error, from the server or from the client checking the server.
func converse(t *testing.T, srv *Server, gs2, user, password string, cbData []byte) error {
	t.Helper()
	ctx := context.Background()
	c := &Client{Username: user, Password: password, Nonce: "fyko+d2lbbFgONRv9qkxdawL"}
	switch {
	case strings.HasPrefix(gs2, "p="):
		c.CBType, c.CBData = strings.TrimSuffix(gs2[2:], ",,"), cbData
	case strings.HasPrefix(gs2, "n,a="):
		c.Authzid, _ = DecodeName(strings.TrimSuffix(gs2[4:], ","))
	}
	_, first, _ := c.Start()
	if gs2 == "y,," {
		first = append([]byte("y"), first[1:]...)
		c.gs2 = "y,,"
	}
	msg := first
	for i := 0; ; i++ {
		ch, done, err := srv.Next(ctx, msg)
		if err != nil {
			return err
		}
		if done {
			if i != 2 {
				return fmt.Errorf("done after %d steps", i+1)
			}
			return nil
		}
		if msg, err = c.Next(ch); err != nil {
			return err
		}
	}
}

func TestStickyFailureAndTrailingData(t *testing.T) {
	ctx := context.Background()
	srv := NewServer(Options{
		Lookup: lookupOf(map[string]Secrets{"user": rfcSecrets(t)}),
		Nonce:  func() (string, error) { return rfcServerNonce, nil },
	})
	srv.Next(ctx, []byte(rfcClientFirst))
	srv.Next(ctx, []byte(rfcClientFinal))
	if _, done, err := srv.Next(ctx, []byte("extra")); err == nil || !done {
		t.Fatalf("trailing data accepted: done=%v err=%v", done, err)
	}
	if _, _, err := srv.Next(ctx, []byte{}); err == nil {
		t.Fatal("a failed conversation went on")
	}
}

func TestUnknownUserLooksReal(t *testing.T) {
	ctx := context.Background()
	first := func() string {
		srv := NewServer(Options{Lookup: lookupOf(nil), FakeKey: []byte("k"), FakeIterations: 10000})
		ch, _, err := srv.Next(ctx, []byte("n,,n=ghost,r=abc"))
		if err != nil {
			t.Fatal(err)
		}
		return string(ch[len("r=abc")+24:])
	}
	a, b := first(), first()
	if a != b || len(a) < 10 {
		t.Fatalf("salt/iterations for an unknown user vary or are missing: %q vs %q", a, b)
	}
	if want := ",i=10000"; a[len(a)-len(want):] != want {
		t.Errorf("server-first tail %q, want iterations 10000", a)
	}
}

func TestLookupFailureAborts(t *testing.T) {
	boom := errors.New("store down")
	srv := NewServer(Options{Lookup: func(context.Context, string) (Secrets, error) { return Secrets{}, boom }})
	if _, done, err := srv.Next(context.Background(), []byte("n,,n=a,r=b")); !errors.Is(err, boom) || !done {
		t.Fatalf("err = %v, done = %v", err, done)
	}
}

// TestClientRFC7677Vector checks our client against the same vector, so
// that client and server are each pinned to the RFC, not to each other.
func TestClientRFC7677Vector(t *testing.T) {
	c := &Client{Username: "user", Password: "pencil", Nonce: "rOprNGfwEbeRWgbNEkqO"}
	mech, first, err := c.Start()
	if err != nil || mech != "SCRAM-SHA-256" || string(first) != rfcClientFirst {
		t.Fatalf("Start = %q, %q, %v", mech, first, err)
	}
	final, err := c.Next([]byte(rfcServerFirst))
	if err != nil || string(final) != rfcClientFinal {
		t.Fatalf("client-final = %q, %v", final, err)
	}
	last, err := c.Next([]byte(rfcServerFinal))
	if err != nil || last == nil || len(last) != 0 {
		t.Fatalf("after server-final: %q, %v", last, err)
	}
	bad := &Client{Username: "user", Password: "pencil", Nonce: "rOprNGfwEbeRWgbNEkqO"}
	bad.Start()
	bad.Next([]byte(rfcServerFirst))
	if _, err := bad.Next([]byte("v=AAAA")); err == nil {
		t.Fatal("client accepted a forged server signature")
	}
}

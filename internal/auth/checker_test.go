package auth

import (
	"context"
	"crypto/tls"
	"errors"
	"testing"
)

func TestChain(t *testing.T) {
	ok := CheckerFunc(func(context.Context, string, string, string, string) error { return nil })
	bad := CheckerFunc(func(context.Context, string, string, string, string) error { return ErrBadCredentials })
	down := CheckerFunc(func(context.Context, string, string, string, string) error { return ErrUnavailable })
	tests := []struct {
		name  string
		chain Chain
		want  error
	}{
		{"empty", Chain{}, ErrUnavailable},
		{"first accepts", Chain{ok, down}, nil},
		{"later accepts", Chain{bad, down, ok}, nil},
		{"no beats down", Chain{down, bad}, ErrBadCredentials},
		{"all down", Chain{down, down}, ErrUnavailable},
	}
	for _, tt := range tests {
		err := tt.chain.Check(context.Background(), "u", "p", "imap", "")
		if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestSSF(t *testing.T) {
	tests := []struct {
		cs   ConnState
		want int
	}{
		{ConnState{}, 0},
		{ConnState{ExternalSSF: 2}, 2},
		{ConnState{TLS: true}, 128},
		{ConnState{TLS: true, TLSSSF: 256, ExternalSSF: 2}, 256},
		{ConnState{TLS: true, TLSSSF: 128, ExternalSSF: 512}, 512},
		{ConnState{TLS: true, TLSSSF: CipherSSF(tls.ConnectionState{CipherSuite: tls.TLS_AES_256_GCM_SHA384})}, 256},
		{ConnState{TLS: true, TLSSSF: CipherSSF(tls.ConnectionState{CipherSuite: tls.TLS_CHACHA20_POLY1305_SHA256})}, 256},
		{ConnState{TLS: true, TLSSSF: CipherSSF(tls.ConnectionState{CipherSuite: tls.TLS_AES_128_GCM_SHA256})}, 128},
	}
	for _, tt := range tests {
		if got := tt.cs.SSF(); got != tt.want {
			t.Errorf("%+v: SSF = %d, want %d", tt.cs, got, tt.want)
		}
	}
}

package scram

import (
	"errors"
	"testing"
)

func TestParseClientFirst(t *testing.T) {
	tests := []struct {
		in      string
		want    ClientFirst
		wantErr bool
	}{
		{in: "n,,n=user,r=abc", want: ClientFirst{Flag: 'n', Username: "user", Nonce: "abc", GS2Header: "n,,", Bare: "n=user,r=abc"}},
		{in: "y,a=ad=3Dmin=2C,n=u=2Cv,r=x,q=ext", want: ClientFirst{Flag: 'y', Authzid: "ad=min,", Username: "u,v", Nonce: "x", GS2Header: "y,a=ad=3Dmin=2C,", Bare: "n=u=2Cv,r=x,q=ext"}},
		{in: "p=tls-exporter,,n=u,r=x", want: ClientFirst{Flag: 'p', CBName: "tls-exporter", Username: "u", Nonce: "x", GS2Header: "p=tls-exporter,,", Bare: "n=u,r=x"}},
		{in: "", wantErr: true},
		{in: "n,,", wantErr: true},
		{in: "x,,n=u,r=x", wantErr: true},
		{in: "p=,,n=u,r=x", wantErr: true},
		{in: "p=tls_x,,n=u,r=x", wantErr: true},
		{in: "n,b=u,n=u,r=x", wantErr: true},
		{in: "n,a=,n=u,r=x", wantErr: true},
		{in: "n,,m=ext,n=u,r=x", wantErr: true},
		{in: "n,,n=u", wantErr: true},
		{in: "n,,r=x,n=u", wantErr: true},
		{in: "n,,n=,r=x", wantErr: true},
		{in: "n,,n=a=2Xb,r=x", wantErr: true},
		{in: "n,,n=a\x00b,r=x", wantErr: true},
		{in: "n,,n=\xff,r=x", wantErr: true},
		{in: "n,,n=u,r=", wantErr: true},
		{in: "n,,n=u,r=a b", wantErr: true},
		{in: "n,,n=u,r=x,bad", wantErr: true},
		{in: "n,,n=u,r=x,1=y", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseClientFirst([]byte(tt.in))
		if tt.wantErr {
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("%q: err = %v, want ErrMalformed", tt.in, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q: got %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseClientFinal(t *testing.T) {
	const proof = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
	tests := []struct {
		in        string
		wantNonce string
		wantCB    string
		wantErr   bool
	}{
		{in: "c=biws,r=abc,p=" + proof, wantNonce: "abc", wantCB: "n,,"},
		{in: "c=biws,r=abc,x=ext,p=" + proof, wantNonce: "abc", wantCB: "n,,"},
		{in: "c=biws,r=abc", wantErr: true},
		{in: "c=biws,r=abc,p=short", wantErr: true},
		{in: "c=biws,r=abc,p=ZGVhZA==", wantErr: true},
		{in: "r=abc,c=biws,p=" + proof, wantErr: true},
		{in: "c=biws,p=" + proof, wantErr: true},
		{in: "c=!!!,r=abc,p=" + proof, wantErr: true},
		{in: "c=biws,r=,p=" + proof, wantErr: true},
		{in: "c=biws,r=abc,p=" + proof + ",x=late", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseClientFinal([]byte(tt.in))
		if tt.wantErr {
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("%q: err = %v, want ErrMalformed", tt.in, err)
			}
			continue
		}
		if err != nil || got.Nonce != tt.wantNonce || string(got.ChannelBinding) != tt.wantCB || len(got.Proof) != KeyLen {
			t.Errorf("%q: got %+v, %v", tt.in, got, err)
		}
	}
}

func TestNameRoundTrip(t *testing.T) {
	for _, s := range []string{"a", "a,b", "=", "=2C", "ünï,cödé="} {
		got, err := DecodeName(EncodeName(s))
		if err != nil || got != s {
			t.Errorf("%q: round trip gave %q, %v", s, got, err)
		}
	}
}

func TestNewSecretsValid(t *testing.T) {
	tests := []struct {
		iter int
		salt []byte
		want bool
	}{
		{4096, []byte("salt"), true},
		{4095, []byte("salt"), false},
		{4096, nil, false},
	}
	for _, tt := range tests {
		s, err := NewSecrets("pw", tt.salt, tt.iter)
		if err != nil {
			t.Fatal(err)
		}
		if s.Valid() != tt.want {
			t.Errorf("iter %d salt %q: Valid = %v", tt.iter, tt.salt, s.Valid())
		}
	}
}

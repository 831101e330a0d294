package notify

import (
	"errors"
	"strings"
	"testing"
)

func TestEncode(t *testing.T) {
	tests := []struct {
		name string
		n    Notification
		want string
	}{
		{"lmtpd new mail", Notification{Class: "MAIL", User: "alice", Mailbox: "INBOX", Message: "You have mail"},
			"\x00MAIL\x00\x00alice\x00INBOX\x000\x00You have mail\x00"},
		{"options and file", Notification{Method: "mailto", Class: "SIEVE", Priority: "high", User: "bob",
			Mailbox: "user.bob", Options: []string{"a@example.org", "b@example.org"}, Message: "hi", File: "/var/spool/1."},
			"mailto\x00SIEVE\x00high\x00bob\x00user.bob\x002\x00a@example.org\x00b@example.org\x00hi\x00/var/spool/1.\x00"},
		{"all empty", Notification{}, "\x00\x00\x00\x00\x000\x00\x00"},
		{"empty option kept", Notification{Options: []string{""}}, "\x00\x00\x00\x00\x001\x00\x00\x00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.n.Encode()
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Encode = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEncodeRefuses(t *testing.T) {
	tests := []struct {
		name    string
		n       Notification
		wantErr string
		is      error
	}{
		{"NUL in user", Notification{User: "a\x00b"}, "user contains a NUL", nil},
		{"NUL in option", Notification{Options: []string{"x", "y\x00"}}, "option 2 contains a NUL", nil},
		{"NUL in message", Notification{Message: "\x00"}, "message contains a NUL", nil},
		{"NUL in file", Notification{File: "f\x00"}, "file name contains a NUL", nil},
		{"too large", Notification{Message: strings.Repeat("x", MaxSize)}, "too large", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.n.Encode()
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Encode = %q, %v; want error containing %q", b, err, tt.wantErr)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
		})
	}
}

// The largest datagram that fits is accepted, one byte more is not.
func TestEncodeSizeLimit(t *testing.T) {
	// Empty fields take 7 bytes: five NULs, "0\x00", and the message NUL.
	fit := Notification{Message: strings.Repeat("x", MaxSize-8)}
	b, err := fit.Encode()
	if err != nil || len(b) != MaxSize {
		t.Fatalf("Encode of %d-byte datagram: len %d, %v", MaxSize, len(b), err)
	}
	fit.Message += "x"
	if _, err := fit.Encode(); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Encode of %d-byte datagram: %v, want ErrTooLarge", MaxSize+1, err)
	}
}

package notify

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Notification
	}{
		{"lmtpd new mail", "\x00MAIL\x00\x00alice\x00INBOX\x000\x00You have mail\x00",
			Notification{Class: "MAIL", User: "alice", Mailbox: "INBOX", Message: "You have mail"}},
		{"options and file", "mailto\x00SIEVE\x00high\x00bob\x00user.bob\x002\x00a@x\x00b@x\x00hi\x00/f\x00",
			Notification{Method: "mailto", Class: "SIEVE", Priority: "high", User: "bob", Mailbox: "user.bob",
				Options: []string{"a@x", "b@x"}, Message: "hi", File: "/f"}},
		{"empty file name", "log\x00\x00\x00\x00\x000\x00m\x00\x00", Notification{Method: "log", Message: "m"}},
		{"leading zeros in nopt", "\x00\x00\x00\x00\x00001\x00o\x00m\x00",
			Notification{Options: []string{"o"}, Message: "m"}},
		{"all empty", "\x00\x00\x00\x00\x000\x00\x00", Notification{}},
		{"8-bit text", "log\x00c\x00p\x00u\x00m\x000\x00caf\xc3\xa9\x00",
			Notification{Method: "log", Class: "c", Priority: "p", User: "u", Mailbox: "m", Message: "café"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode([]byte(tt.in))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Decode = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name, in, wantErr string
	}{
		{"empty", "", "missing method"},
		{"method only", "log", "method not NUL-terminated"},
		{"no class", "log\x00", "missing class"},
		{"no mailbox", "log\x00c\x00p\x00u\x00", "missing mailbox"},
		{"no nopt", "log\x00c\x00p\x00u\x00m\x00", "missing nopt"},
		{"empty nopt", "log\x00c\x00p\x00u\x00m\x00\x00msg\x00", `nopt "" is not a decimal count`},
		{"negative nopt", "log\x00c\x00p\x00u\x00m\x00-1\x00msg\x00", `nopt "-1"`},
		{"signed nopt", "log\x00c\x00p\x00u\x00m\x00+1\x00o\x00msg\x00", `nopt "+1"`},
		{"hex nopt", "log\x00c\x00p\x00u\x00m\x000x1\x00o\x00msg\x00", `nopt "0x1"`},
		{"spaced nopt", "log\x00c\x00p\x00u\x00m\x00 1\x00o\x00msg\x00", `nopt " 1"`},
		{"huge nopt", "log\x00c\x00p\x00u\x00m\x0099999999999999999999\x00msg\x00", "is not a decimal count"},
		{"nopt beyond datagram", "log\x00c\x00p\x00u\x00m\x009999\x00o\x00msg\x00", "too few options: nopt is 9999, 2 fields left"},
		{"too few options", "log\x00c\x00p\x00u\x00m\x002\x00a@x\x00msg\x00", "too few options: nopt is 2, 2 fields left"},
		{"no message", "log\x00c\x00p\x00u\x00m\x000\x00", "missing message"},
		{"message unterminated", "log\x00c\x00p\x00u\x00m\x000\x00hello", "message not NUL-terminated"},
		{"file unterminated", "log\x00c\x00p\x00u\x00m\x000\x00hello\x00/f", "file name not NUL-terminated"},
		{"trailing field", "log\x00c\x00p\x00u\x00m\x000\x00hello\x00/f\x00x\x00", "2 bytes after the file name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Decode([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Decode = %#v, %v; want error containing %q", n, err, tt.wantErr)
			}
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("error %v does not wrap ErrMalformed", err)
			}
			if !reflect.DeepEqual(n, Notification{}) {
				t.Errorf("Decode returned %#v with its error, want the zero Notification", n)
			}
		})
	}
}

func TestDecodeOversize(t *testing.T) {
	b := make([]byte, MaxSize+1)
	if _, err := Decode(b); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Decode of %d bytes: %v, want ErrTooLarge", len(b), err)
	}
}

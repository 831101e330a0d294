package idle

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

func TestKickCodec(t *testing.T) {
	tests := []struct {
		name string
		m    Message
		ok   bool
	}{
		{"user", Message{Type: Kick, PID: 9, User: "alice"}, true},
		{"all", Message{Type: Kick, PID: 9, User: "*"}, true},
		{"no user", Message{Type: Kick, PID: 9}, false},
		{"mailbox", Message{Type: Kick, PID: 9, User: "alice", MailboxID: "F1"}, false},
		{"modseq", Message{Type: Kick, PID: 9, User: "alice", ModSeq: 3}, false},
		{"control char", Message{Type: Kick, PID: 9, User: "a\nb"}, false},
	}
	for _, tt := range tests {
		b, err := tt.m.Encode()
		if (err == nil) != tt.ok {
			t.Errorf("%s: Encode error %v", tt.name, err)
			continue
		}
		if !tt.ok {
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("%s: error %v is not ErrMalformed", tt.name, err)
			}
			continue
		}
		got, err := Decode(b)
		if err != nil || got != tt.m {
			t.Errorf("%s: Decode = %+v, %v", tt.name, got, err)
		}
	}
	if Kick.String() != "kick" {
		t.Errorf("Kick.String() = %q", Kick.String())
	}
}

// A Kick sent with SendKick reaches OnKick.
func TestSendKick(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "idle")
	sock, err := Bind(path, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer sock.Close()
	d := NewDaemon(zerolog.Nop())
	got := make(chan string, 1)
	d.OnKick = func(u string) { got <- u }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Serve(ctx, sock.UnixConn) }()
	defer func() { cancel(); <-done }()
	if err := SendKick(ctx, path, "bob"); err != nil {
		t.Fatal(err)
	}
	select {
	case u := <-got:
		if u != "bob" {
			t.Errorf("OnKick(%q)", u)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no kick heard")
	}
	if err := SendKick(ctx, filepath.Join(dir, "none"), "bob"); !errors.Is(err, ErrUnreachable) {
		t.Errorf("SendKick to nothing: %v", err)
	}
}

// FuzzKick: a datagram decoded as a Kick follows the Kick rules and
// encodes back to itself.
func FuzzKick(f *testing.F) {
	for _, s := range [][]byte{
		raw(1, 6, pid1234, zero8, "alice", ""),
		raw(1, 6, pid1234, zero8, "*", ""),
		raw(1, 6, pid1234, zero8, "", ""),
		raw(1, 6, pid1234, seq42, "alice", ""),
		raw(1, 6, pid1234, zero8, "alice", "F00"),
		raw(1, 7, pid1234, zero8, "alice", ""),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Decode(b)
		if err != nil || m.Type != Kick {
			return
		}
		if m.User == "" || m.MailboxID != "" || m.ModSeq != 0 {
			t.Fatalf("kick accepted with %+v", m)
		}
		if enc, err := m.Encode(); err != nil || !bytes.Equal(enc, b) {
			t.Fatalf("kick %x re-encodes as %x, %v", b, enc, err)
		}
	})
}

package notify

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// listenUnixgram binds a unix datagram socket in a fresh directory, as
// master binds notifyd's.
func listenUnixgram(t *testing.T) (*net.UnixConn, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notify")
	pc, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	return pc, path
}

func TestSenderDelivers(t *testing.T) {
	pc, path := listenUnixgram(t)
	want := Notification{Class: "MAIL", User: "alice", Mailbox: "INBOX",
		Options: []string{"x"}, Message: "You have mail", File: "/f"}
	if err := NewSender(path).Send(context.Background(), want); err != nil {
		t.Fatalf("Send: %v", err)
	}
	buf := make([]byte, MaxSize+1)
	_ = pc.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		t.Fatalf("read datagram: %v", err)
	}
	got, err := Decode(buf[:n])
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("received %#v, want %#v", got, want)
	}
}

func TestSenderUnavailable(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "stale")
	pc, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: stale, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	pc.Close() // leaves the file, with nobody reading: ECONNREFUSED
	if _, err := os.Stat(stale); err != nil {
		t.Fatalf("socket file gone after close: %v", err)
	}
	plain := filepath.Join(dir, "plain")
	if err := os.WriteFile(plain, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{
		"missing": filepath.Join(dir, "nothing"), "stale socket": stale, "not a socket": plain,
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			err := NewSender(path).Send(context.Background(), Notification{Message: "m"})
			if !errors.Is(err, ErrUnavailable) {
				t.Errorf("Send: %v, want ErrUnavailable", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Send took %s", d)
			}
		})
	}
}

// A notifyd that does not read lets its queue fill; Send then gives up
// after its timeout instead of blocking the delivery that called it.
func TestSenderFullQueue(t *testing.T) {
	_, path := listenUnixgram(t)
	s := NewSender(path)
	s.Timeout = 50 * time.Millisecond
	deadline := time.Now().Add(10 * time.Second)
	for i := 0; ; i++ {
		if time.Now().After(deadline) {
			t.Fatalf("queue never filled after %d datagrams", i)
		}
		start := time.Now()
		err := s.Send(context.Background(), Notification{Message: "m"})
		if err == nil {
			continue
		}
		if !errors.Is(err, ErrUnavailable) {
			t.Fatalf("Send #%d: %v, want ErrUnavailable", i, err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Send #%d blocked %s with a 50ms timeout", i, d)
		}
		return
	}
}

func TestSenderRefuses(t *testing.T) {
	_, path := listenUnixgram(t)
	s := NewSender(path)
	if err := s.Send(context.Background(), Notification{User: "a\x00"}); err == nil {
		t.Error("Send of a field with NUL succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Send(ctx, Notification{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Send with cancelled context: %v, want context.Canceled", err)
	}
}

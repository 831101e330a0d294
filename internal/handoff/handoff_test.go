package handoff

import (
	"errors"
	"net"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// pair returns two connected unix stream sockets.
func pair(t *testing.T) (*net.UnixConn, *net.UnixConn) {
	t.Helper()
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	conv := func(fd int) *net.UnixConn {
		f := os.NewFile(uintptr(fd), "pair")
		defer f.Close()
		c, err := net.FileConn(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c.(*net.UnixConn)
	}
	return conv(fds[0]), conv(fds[1])
}

// TestSendReceive hands one end of a TCP connection over and talks
// through the received descriptor.
func TestSendReceive(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	server, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	a, b := pair(t)
	deadline := time.Now().Add(5 * time.Second)
	done := make(chan error, 1)
	go func() { done <- Send(a, server.(*net.TCPConn), []byte("state"), deadline) }()
	fd, rec, err := Receive(b, deadline)
	if err != nil {
		t.Fatal(err)
	}
	if string(rec) != "state" {
		t.Errorf("record %q", rec)
	}
	if err := Answer(b, true); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Send: %v", err)
	}
	server.Close() // the sender's copy goes; the connection stays
	f := os.NewFile(uintptr(fd), "handed")
	moved, err := net.FileConn(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Close()
	if _, err := moved.Write([]byte("hi")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 2)
	client.SetReadDeadline(deadline)
	if _, err := client.Read(buf); err != nil || string(buf) != "hi" {
		t.Fatalf("read %q, %v", buf, err)
	}
}

func TestRefused(t *testing.T) {
	a, b := pair(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	deadline := time.Now().Add(5 * time.Second)
	done := make(chan error, 1)
	go func() { done <- SendFD(a, int(r.Fd()), nil, deadline) }()
	fd, _, err := Receive(b, deadline)
	if err != nil {
		t.Fatal(err)
	}
	unix.Close(fd)
	Answer(b, false)
	if err := <-done; !errors.Is(err, ErrRefused) {
		t.Fatalf("Send: %v", err)
	}
}

// TestNoDescriptor: a frame without SCM_RIGHTS is refused.
func TestNoDescriptor(t *testing.T) {
	a, b := pair(t)
	a.Write([]byte("CVHO\x01\x00\x00\x00\x00"))
	if _, _, err := Receive(b, time.Now().Add(time.Second)); !errors.Is(err, ErrNoFD) {
		t.Fatalf("err %v", err)
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		head string
		size int
		ok   bool
	}{
		{"CVHO\x01\x00\x00\x00\x05", 5, true},
		{"CVHO\x01\x00\x10\x00\x00", 1 << 20, true},
		{"CVHO\x01\x00\x10\x00\x01", 0, false},
		{"CVHO\x02\x00\x00\x00\x05", 0, false},
		{"XVHO\x01\x00\x00\x00\x05", 0, false},
		{"CVHO\x01\x00", 0, false},
	}
	for _, tt := range tests {
		n, err := ParseHeader([]byte(tt.head))
		if (err == nil) != tt.ok || n != tt.size {
			t.Errorf("%q: %d, %v", tt.head, n, err)
		}
	}
}

func FuzzParseHeader(f *testing.F) {
	f.Add([]byte("CVHO\x01\x00\x00\x00\x05"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := ParseHeader(b)
		if err == nil && (n < 0 || n > MaxRecord) {
			t.Fatalf("size %d accepted", n)
		}
	})
}

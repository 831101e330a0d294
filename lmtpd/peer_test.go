package main

import (
	"net"
	"os/user"
	"path/filepath"
	"testing"
)

func TestPeerUser(t *testing.T) {
	me, err := user.Current()
	if err != nil {
		t.Skip("no current user:", err)
	}
	path := filepath.Join(t.TempDir(), "s")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := net.Dial("unix", path)
		if err == nil {
			defer c.Close()
			c.Read(make([]byte, 1))
		}
	}()
	c, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := peerUser(c); got != me.Username {
		t.Errorf("peerUser = %q, want %q", got, me.Username)
	}
	tcp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer tcp.Close()
	go func() {
		if c, err := net.Dial("tcp", tcp.Addr().String()); err == nil {
			defer c.Close()
			c.Read(make([]byte, 1))
		}
	}()
	tc, err := tcp.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	if got := peerUser(tc); got != "" {
		t.Errorf("peerUser over TCP = %q, want none", got)
	}
}

package server

import (
	"net"
	"testing"
)

func TestClientHost(t *testing.T) {
	tests := []struct {
		a    net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.ParseIP("192.0.2.7"), Port: 143}, "[192.0.2.7]"},
		{&net.TCPAddr{IP: net.ParseIP("2001:db8::1"), Port: 143}, "[2001:db8::1]"},
		{&net.UnixAddr{Name: "", Net: "unix"}, "[local]"},
		{&net.UnixAddr{Name: "/run/x", Net: "unix"}, "[/run/x]"},
		{nil, "[local]"},
	}
	for _, tt := range tests {
		if got := clientHost(tt.a); got != tt.want {
			t.Errorf("clientHost(%v) = %q, want %q", tt.a, got, tt.want)
		}
	}
}

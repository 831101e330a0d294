package main

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestMessageSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{512, 2048, 5120, 100 << 10} {
		m := message(rng, 3, size)
		if len(m) != size || !bytes.HasSuffix(m, []byte("\r\n")) {
			t.Errorf("message(%d): %d bytes, ends %q", size, len(m), m[len(m)-2:])
		}
		if bytes.Contains(m[:len(m)-2], []byte("\r\r")) || bytes.Contains(bytes.ReplaceAll(m, []byte("\r\n"), nil), []byte("\r")) {
			t.Errorf("message(%d) has a bare CR", size)
		}
	}
	if !bytes.Equal(seedMessage(7), seedMessage(7)) || bytes.Equal(seedMessage(7), seedMessage(8)) {
		t.Error("seed messages are not a deterministic function of their index")
	}
}

func TestStuff(t *testing.T) {
	tests := []struct{ in, want string }{
		{".a\r\nb\r\n", "..a\r\nb\r\n"},
		{"a\r\n.\r\n", "a\r\n..\r\n"},
		{"a\n.b", "a\n.b\r\n"}, // a bare LF ends no line
		{"x", "x\r\n"},
		{"", "\r\n"},
	}
	for _, tt := range tests {
		if got := string(stuff([]byte(tt.in))); got != tt.want {
			t.Errorf("stuff(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLMTPPool(t *testing.T) {
	p := lmtpPool(20)
	for i, m := range p {
		if n := len(m); n < 2<<10 || n > 104<<10 {
			t.Errorf("message %d is %d bytes", i, n)
		}
		if bytes.Contains(m, []byte("\r\n.\r\n")) {
			t.Errorf("message %d holds the terminator", i)
		}
	}
	if !bytes.Equal(lmtpPool(3)[2], p[2]) {
		t.Error("the pool is not deterministic")
	}
}

package service

import (
	"encoding/binary"
	"testing"
)

func TestStatusRoundTrip(t *testing.T) {
	tests := []struct{ msg, pid int32 }{
		{StatusAvailable, 1},
		{StatusUnavailable, 4194304},
		{StatusConnection, 12345},
		{StatusConnectionMulti, 2147483647},
		{-1, -1},
	}
	for _, tt := range tests {
		b := EncodeStatus(tt.msg, tt.pid)
		// The record is the C struct {int32; int32} in host byte order.
		if got := int32(binary.NativeEndian.Uint32(b[:4])); got != tt.msg {
			t.Errorf("EncodeStatus(%d, %d): message field %d", tt.msg, tt.pid, got)
		}
		msg, pid, err := DecodeStatus(b[:])
		if err != nil || msg != tt.msg || pid != tt.pid {
			t.Errorf("DecodeStatus(EncodeStatus(%d, %d)) = %d, %d, %v", tt.msg, tt.pid, msg, pid, err)
		}
	}
}

func TestDecodeStatusSize(t *testing.T) {
	for _, n := range []int{0, 4, 7, 9, 16} {
		if _, _, err := DecodeStatus(make([]byte, n)); err == nil {
			t.Errorf("DecodeStatus of %d bytes: no error", n)
		}
	}
}

func TestStatusName(t *testing.T) {
	tests := map[int32]string{1: "AVAILABLE", 2: "UNAVAILABLE", 3: "CONNECTION", 4: "CONNECTION_MULTI", 9: "UNKNOWN(9)"}
	for msg, want := range tests {
		if got := StatusName(msg); got != want {
			t.Errorf("StatusName(%d) = %q, want %q", msg, got, want)
		}
	}
}

func FuzzDecodeStatus(f *testing.F) {
	for _, seed := range [][]byte{nil, {1}, make([]byte, 8), {1, 0, 0, 0, 0x39, 0x30, 0, 0}, make([]byte, 9)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		msg, pid, err := DecodeStatus(b)
		if err != nil {
			return
		}
		if again := EncodeStatus(msg, pid); string(again[:]) != string(b) {
			t.Fatalf("round trip of %x gave %x", b, again)
		}
	})
}

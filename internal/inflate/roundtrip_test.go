package inflate

import (
	"bytes"
	"compress/flate"
	"fmt"
	"testing"
	"testing/iotest"
)

// Streams from compress/flate at every level, whole and sync-flushed,
// decode to the input, read in large and one-byte pieces from a source
// that also gives one byte at a time.
func TestRoundTripFlate(t *testing.T) {
	levels := []int{flate.HuffmanOnly, flate.DefaultCompression, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	for _, kind := range []string{"text", "random", "runs", "mixed"} {
		for _, size := range []int{0, 1, 100, 70000} {
			in := sample(kind, size)
			for _, level := range levels {
				for _, chunk := range []int{0, 1000} {
					name := fmt.Sprintf("%s/%d/level%d/flush%d", kind, size, level, chunk)
					comp := deflate(t, in, level, chunk)
					t.Run(name, func(t *testing.T) { checkRoundTrip(t, comp, in) })
				}
			}
		}
	}
}

func checkRoundTrip(t *testing.T, comp, want []byte) {
	got, err := inflateAll(bytes.NewReader(comp))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("whole: err %v, got %d bytes, want %d (equal %v)", err, len(got), len(want), bytes.Equal(got, want))
	}
	if len(want) > 5000 {
		return // the byte-wise reads below are slow under -race
	}
	got, err = inflateAll(iotest.OneByteReader(bytes.NewReader(comp)))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("one input byte per read: err %v, equal %v", err, bytes.Equal(got, want))
	}
	var out bytes.Buffer
	z := NewReader(iotest.HalfReader(bytes.NewReader(comp)))
	if _, err := out.ReadFrom(iotest.OneByteReader(z)); err != nil || !bytes.Equal(out.Bytes(), want) {
		t.Fatalf("one output byte per read: err %v, equal %v", err, bytes.Equal(out.Bytes(), want))
	}
}

// Reset starts a new stream with the same memory.
func TestReset(t *testing.T) {
	a, b := sample("text", 5000), sample("mixed", 9000)
	z := NewReader(bytes.NewReader(deflate(t, a, 6, 0)))
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(z); err != nil || !bytes.Equal(buf.Bytes(), a) {
		t.Fatalf("first stream: %v", err)
	}
	z.Reset(bytes.NewReader(deflate(t, b, 1, 700)))
	buf.Reset()
	if _, err := buf.ReadFrom(z); err != nil || !bytes.Equal(buf.Bytes(), b) {
		t.Fatalf("after Reset: %v", err)
	}
}

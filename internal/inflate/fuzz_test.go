package inflate

import (
	"bytes"
	"compress/flate"
	"io"
	"os"
	"testing"
	"testing/iotest"
)

// maxFuzzOutput bounds what one input may decode to (DEFLATE expands up
// to 1032 times).
const maxFuzzOutput = 1 << 20

// FuzzInflate: data compressed by compress/flate at the given level
// decodes back to data; data taken as a raw stream never panics and, read
// in pieces as it arrives, decodes as compress/flate decodes it: where
// both succeed the outputs are equal, and otherwise one is a prefix of
// the other.
func FuzzInflate(f *testing.F) {
	f.Add([]byte("1 CAPABILITY\r\n"), 6, false)
	f.Add([]byte{}, 0, false)
	f.Add(bytes.Repeat([]byte("ab"), 300), 9, true)
	f.Add(validDynamic(), -2, false)
	f.Add([]byte{0x07}, 1, false)
	f.Add([]byte{1, 2, 0, 0xfd, 0xff, 'o', 'k'}, 1, true)
	for _, name := range []string{"partial-6-default", "partial-6-fixed", "sync-0-default"} {
		b, err := os.ReadFile("testdata/" + name + ".deflate")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b[:min(len(b), 600)], 6, false)
	}
	f.Fuzz(func(t *testing.T, data []byte, level int, bytewise bool) {
		level = level%11 - 1 // -1 .. 9
		if level < -1 {
			level = flate.HuffmanOnly
		}
		comp := fuzzDeflate(t, data, level)
		if got, err := inflateAll(bytes.NewReader(comp)); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("round trip at level %d: %v, equal %v", level, err, bytes.Equal(got, data))
		}
		var src io.Reader = bytes.NewReader(data)
		if bytewise {
			src = iotest.OneByteReader(src)
		}
		ours, errOurs := io.ReadAll(io.LimitReader(NewReader(src), maxFuzzOutput))
		theirs, errTheirs := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(data)), maxFuzzOutput))
		if errOurs == nil && errTheirs == nil && !bytes.Equal(ours, theirs) {
			t.Fatalf("both decode, differently: %d vs %d bytes", len(ours), len(theirs))
		}
		if !bytes.HasPrefix(ours, theirs) && !bytes.HasPrefix(theirs, ours) {
			t.Fatalf("outputs diverge: ours %d bytes (%v), compress/flate %d (%v)", len(ours), errOurs, len(theirs), errTheirs)
		}
	})
}

// fuzzWriters keeps a compress/flate Writer per level: a new one costs
// about 1 MB, which would dominate each run. Runs of a fuzz target in one
// process are sequential (it never calls t.Parallel).
var fuzzWriters = map[int]*flate.Writer{}

// fuzzDeflate compresses data in three writes, each sync-flushed.
func fuzzDeflate(t *testing.T, data []byte, level int) []byte {
	var buf bytes.Buffer
	w, ok := fuzzWriters[level]
	if !ok {
		var err error
		if w, err = flate.NewWriter(nil, level); err != nil {
			t.Fatal(err)
		}
		fuzzWriters[level] = w
	}
	w.Reset(&buf)
	for chunk := len(data)/3 + 1; len(data) > 0; data = data[min(chunk, len(data)):] {
		if _, err := w.Write(data[:min(chunk, len(data))]); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

package inflate

import (
	"bytes"
	"io"
	"testing"
	"unsafe"
)

// A Reader's memory is fixed: one allocation of about 42 KiB, and none
// while reading.
func TestReaderSize(t *testing.T) {
	if size := unsafe.Sizeof(Reader{}); size > 44<<10 {
		t.Errorf("Reader is %d bytes, over 44 KiB", size)
	} else {
		t.Logf("Reader is %d bytes", size)
	}
	comp := deflate(t, sample("mixed", 200000), 6, 5000)
	z := NewReader(nil)
	buf := make([]byte, 4096)
	src := bytes.NewReader(comp)
	allocs := testing.AllocsPerRun(5, func() {
		src.Reset(comp)
		z.Reset(src)
		for {
			if _, err := z.Read(buf); err == io.EOF {
				break
			} else if err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per stream", allocs)
	}
	if n := testing.AllocsPerRun(5, func() { NewReader(nil) }); n != 1 {
		t.Errorf("NewReader makes %v allocations, want 1", n)
	}
}

package inflate

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"testing"
)

// BenchmarkInflate compares this decoder with compress/flate on 1 MiB of
// mixed text, random and runs; MB/s counts decompressed bytes.
func BenchmarkInflate(b *testing.B) {
	in := sample("mixed", 1<<20)
	for _, level := range []int{1, 6} {
		comp := deflate(b, in, level, 0)
		for _, dec := range []string{"inflate", "compress-flate"} {
			b.Run(fmt.Sprintf("%s/level%d", dec, level), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				b.ReportAllocs()
				z := NewReader(nil)
				fr := flate.NewReader(nil)
				buf := make([]byte, 4096)
				for b.Loop() {
					var r io.Reader
					if dec == "inflate" {
						z.Reset(bytes.NewReader(comp))
						r = z
					} else {
						fr.(flate.Resetter).Reset(bytes.NewReader(comp), nil)
						r = fr
					}
					if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{r}, buf); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkInflateText is the IMAP case: text of commands and messages.
func BenchmarkInflateText(b *testing.B) {
	in := sample("text", 1<<20)
	comp := deflate(b, in, 6, 0)
	for _, dec := range []string{"inflate", "compress-flate"} {
		b.Run(dec, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			z := NewReader(nil)
			fr := flate.NewReader(nil)
			buf := make([]byte, 4096)
			for b.Loop() {
				var r io.Reader = z
				if dec == "inflate" {
					z.Reset(bytes.NewReader(comp))
				} else {
					fr.(flate.Resetter).Reset(bytes.NewReader(comp), nil)
					r = fr
				}
				if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{r}, buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

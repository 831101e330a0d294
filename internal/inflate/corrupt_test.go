package inflate

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// bitWriter builds hand-made streams: values go LSB first, Huffman codes
// MSB first (RFC 1951 §3.1.1).
type bitWriter struct {
	out []byte
	acc uint64
	n   uint
}

func (w *bitWriter) bits(v uint32, n uint) *bitWriter {
	w.acc |= uint64(v) << w.n
	w.n += n
	for w.n >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
	return w
}

func (w *bitWriter) code(c uint32, n uint) *bitWriter {
	for i := int(n) - 1; i >= 0; i-- {
		w.bits(c>>uint(i)&1, 1)
	}
	return w
}

func (w *bitWriter) bytes() []byte {
	if w.n > 0 {
		return append(w.out, byte(w.acc))
	}
	return w.out
}

// canonical gives each symbol its code from the code lengths, as RFC
// 1951 §3.2.2 describes.
func canonical(lengths []uint32) []uint32 {
	var count, next [16]uint32
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	code := uint32(0)
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	codes := make([]uint32, len(lengths))
	for s, l := range lengths {
		if l != 0 {
			codes[s] = next[l]
			next[l]++
		}
	}
	return codes
}

// clWriter writes code length symbols with the code length code cl.
type clWriter struct {
	*bitWriter
	cl, codes []uint32
}

func (w clWriter) sym(s int) clWriter {
	w.code(w.codes[s], uint(w.cl[s]))
	return w
}

// zeros writes n zero code lengths with symbol 18 (or 0 for short runs).
func (w clWriter) zeros(n int) clWriter {
	for n > 0 {
		k := min(n, 138)
		if k < 11 {
			for range k {
				w.sym(0)
			}
		} else {
			w.sym(18).bits(uint32(k-11), 7)
		}
		n -= k
	}
	return w
}

// dynamicBlock writes a final dynamic block header with the code length
// code cl (symbol: length), then what body writes.
func dynamicBlock(hlit, hdist uint32, cl map[int]uint32, body func(w clWriter)) []byte {
	w := (&bitWriter{}).bits(1, 1).bits(2, 2)
	w.bits(hlit-257, 5).bits(hdist-1, 5).bits(19-4, 4)
	lens := make([]uint32, 19)
	for s, l := range cl {
		lens[s] = l
	}
	for _, s := range codeOrder {
		w.bits(lens[s], 3)
	}
	cw := clWriter{w, lens, canonical(lens)}
	body(cw)
	return w.bytes()
}

// twoBits is a code length code with 0, 1, 2 and 18 two bits each.
var twoBits = map[int]uint32{0: 2, 1: 2, 2: 2, 18: 2}

// validDynamic codes 'A' and end-of-block with one bit each and one
// distance code; its data is "A" twice.
func validDynamic() []byte {
	b := dynamicBlock(257, 1, twoBits, func(w clWriter) {
		w.zeros('A').sym(1).zeros(256 - 'A' - 1).sym(1).sym(1)
		w.code(0, 1).code(0, 1).code(1, 1)
	})
	return b
}

// The hand-made streams decode as expected, so the corrupt ones below
// fail for the reason they were made for.
func TestHandMadeStreams(t *testing.T) {
	fixed := (&bitWriter{}).bits(1, 1).bits(1, 2).code(0x30+'h', 8).code(0x30+'i', 8).code(0, 7).bytes()
	for name, tc := range map[string]struct {
		in   []byte
		want string
	}{
		"dynamic": {validDynamic(), "AA"},
		"fixed":   {fixed, "hi"},
		"stored":  {[]byte{1, 2, 0, 0xfd, 0xff, 'o', 'k'}, "ok"},
	} {
		got, err := inflateAll(bytes.NewReader(tc.in))
		if err != nil || string(got) != tc.want {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
}

// Corrupt input fails with ErrCorrupt and says what was wrong; the
// output up to the fault is still handed out.
func TestCorrupt(t *testing.T) {
	fixedHeader := func() *bitWriter { return (&bitWriter{}).bits(1, 1).bits(1, 2) }
	tests := []struct {
		name, want string
		in         []byte
	}{
		{"block type 3", "reserved block type", []byte{0x07}},
		{"stored length complement", "does not match its complement", []byte{1, 5, 0, 5, 0}},
		{"distance before start", "before the start", fixedHeader().code(1, 7).code(0, 5).bytes()},
		{"length symbol 286", "invalid length symbol 286", fixedHeader().code(0xc6, 8).bytes()},
		{"distance symbol 30", "invalid distance code", fixedHeader().code(0x30+'x', 8).code(1, 7).code(30, 5).bytes()},
		{"too many literal codes", "literal/length and", (&bitWriter{}).bits(1, 1).bits(2, 2).bits(30, 5).bits(0, 5).bits(0, 4).bytes()},
		{"too many distance codes", "31 distance codes", (&bitWriter{}).bits(1, 1).bits(2, 2).bits(0, 5).bits(30, 5).bits(0, 4).bytes()},
		{"over-subscribed code length code", "code length code: over-subscribed",
			func() []byte {
				w := (&bitWriter{}).bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5).bits(15, 4)
				for range 19 {
					w.bits(1, 3)
				}
				return w.bytes()
			}()},
		{"repeat first", "with none before", dynamicBlock(257, 1, map[int]uint32{0: 1, 16: 1}, func(w clWriter) {
			w.sym(16).bits(0, 2)
		})},
		{"no end-of-block", "without an end-of-block", dynamicBlock(257, 1, twoBits, func(w clWriter) {
			w.zeros('A').sym(1).sym(1).zeros(256 - 'A' - 2).zeros(2)
		})},
		{"incomplete literal code", "literal/length code: incomplete", dynamicBlock(257, 1, twoBits, func(w clWriter) {
			w.zeros('A').sym(1).zeros(256 - 'A' - 1).sym(2).sym(1)
		})},
		{"run past the end", "past the 258 codes", dynamicBlock(257, 1, twoBits, func(w clWriter) {
			w.zeros(200).sym(18).bits(127, 7)
		})},
		{"empty distance code used", "invalid distance code", dynamicBlock(258, 1, twoBits, func(w clWriter) {
			w.zeros('A').sym(1).zeros(256 - 'A' - 1).sym(2).sym(2).sym(0)
			w.code(0, 1).code(3, 2) // 'A', then length 3 and a distance with no code
		})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := inflateAll(bytes.NewReader(tc.in))
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want ErrCorrupt saying %q", err, tc.want)
			}
		})
	}
}

// Data decoded before a fault is handed out first, then the error, which
// stays.
func TestCorruptAfterData(t *testing.T) {
	in := deflate(t, []byte("before"), 6, 1)
	in = append(in[:len(in)-5], 0x07) // a bad block instead of the final empty one
	z := NewReader(bytes.NewReader(in))
	got, err := io.ReadAll(z)
	if string(got) != "before" || !errors.Is(err, ErrCorrupt) {
		t.Fatalf("%q, %v", got, err)
	}
	if _, err2 := z.Read(make([]byte, 10)); err2 != err {
		t.Fatalf("second Read: %v, want the same error", err2)
	}
}

// A stream cut anywhere before its end is io.ErrUnexpectedEOF.
func TestTruncated(t *testing.T) {
	comp := deflate(t, sample("mixed", 20000), 6, 0)
	for _, n := range []int{0, 1, 2, 100, len(comp) / 2, len(comp) - 1} {
		if _, err := inflateAll(bytes.NewReader(comp[:n])); err != io.ErrUnexpectedEOF {
			t.Errorf("cut at %d of %d: %v", n, len(comp), err)
		}
	}
}

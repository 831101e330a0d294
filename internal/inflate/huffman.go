package inflate

import (
	"fmt"
	"math/bits"
)

const (
	maxCodeLen  = 15  // RFC 1951 §3.2.7: code lengths are 0..15
	maxLitSyms  = 288 // literal/length alphabet, 286 and 287 never used
	primaryBits = 9   // codes this short decode with one table lookup
	symBits     = 9   // a table entry is length<<symBits | symbol
)

// huffman decodes one canonical Huffman code (RFC 1951 §3.2.2). Codes up
// to primaryBits long are found by one lookup of the next input bits;
// longer ones, rare by construction, are walked length by length through
// the count of codes per length, as canonical codes allow.
type huffman struct {
	table [1 << primaryBits]uint16 // 0: no code this short matches
	count [maxCodeLen + 1]uint16   // number of codes of each length
	sym   [maxLitSyms]uint16       // symbols by code length, then value
	max   uint                     // the longest code's length
}

// status is the outcome of a decoding attempt.
type status uint8

const (
	done  status = iota // decoded
	short               // needs more input; nothing was consumed
	bad                 // corrupt input
)

// init builds the code from the code length of each symbol (0: unused).
// As compress/flate and zlib, an over-subscribed set is refused, and so
// is an incomplete one, except a lone code of length one (RFC 1951
// §3.2.7 allows one distance code) and no code at all (which fails when
// a symbol is read).
func (h *huffman) init(lengths []uint8) error {
	h.count = [maxCodeLen + 1]uint16{}
	for _, l := range lengths {
		h.count[l]++
	}
	h.count[0] = 0
	left, used := 1, 0
	h.max = 0
	for l := 1; l <= maxCodeLen; l++ {
		left = left<<1 - int(h.count[l])
		used += int(h.count[l])
		if h.count[l] > 0 {
			h.max = uint(l)
		}
		if left < 0 {
			return fmt.Errorf("over-subscribed code (%d codes)", used)
		}
	}
	if left > 0 && used > 1 || used == 1 && h.count[1] != 1 {
		return fmt.Errorf("incomplete code (%d codes)", used)
	}
	var offs [maxCodeLen + 2]uint16
	for l := 1; l <= maxCodeLen; l++ {
		offs[l+1] = offs[l] + h.count[l]
	}
	for s, l := range lengths {
		if l != 0 {
			h.sym[offs[l]] = uint16(s)
			offs[l]++
		}
	}
	h.fillTable()
	return nil
}

// fillTable enters every code of up to primaryBits bits at each index
// whose low bits are the code as it arrives: codes are sent most
// significant bit first into an LSB-first stream (RFC 1951 §3.1.1).
func (h *huffman) fillTable() {
	h.table = [1 << primaryBits]uint16{}
	code, i := 0, 0
	for l := 1; l <= primaryBits; l++ {
		for range h.count[l] {
			rev := int(bits.Reverse16(uint16(code)) >> (16 - l))
			e := uint16(l)<<symBits | h.sym[i]
			for j := rev; j < len(h.table); j += 1 << l {
				h.table[j] = e
			}
			code++
			i++
		}
		code <<= 1
	}
}

// decode reads one symbol.
func (h *huffman) decode(b *bitReader) (int, status) {
	if b.n < maxCodeLen {
		b.refill()
	}
	if e := h.table[b.bits&(1<<primaryBits-1)]; e != 0 {
		l := uint(e >> symBits)
		if l > b.n {
			return 0, short
		}
		b.bits >>= l
		b.n -= l
		return int(e & (1<<symBits - 1)), done
	}
	return h.walk(b)
}

// walk decodes a code longer than primaryBits (or an invalid one) one
// bit at a time: the codes of each length are consecutive integers
// starting at first, so the code read so far either falls among them or
// continues to the next length. Bits that match no code of any length
// are corrupt at once, without waiting for input to reach 15 bits.
func (h *huffman) walk(b *bitReader) (int, status) {
	code, first, index := 0, 0, 0
	for l := uint(1); l <= h.max; l++ {
		if l > b.n {
			return 0, short
		}
		code |= int(b.bits>>(l-1)) & 1
		count := int(h.count[l])
		if code-first < count {
			b.bits >>= l
			b.n -= l
			return int(h.sym[index+code-first]), done
		}
		index += count
		first = (first + count) << 1
		code <<= 1
	}
	return 0, bad
}

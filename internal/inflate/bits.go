package inflate

import "encoding/binary"

// bitReader takes bits from the buffered input least significant bit
// first (RFC 1951 §3.1.1). A decoding step saves a mark, works, and on
// running out of input resets to the mark, so a step is never half done
// and the caller can hand out what it decoded before reading more.
type bitReader struct {
	buf      []byte // input from the source; buf[pos:end] is not yet taken
	pos, end int
	bits     uint64 // the low n bits are input; bits above n are junk
	n        uint
	dropped  int64 // bytes compacted away before buf[0], for offsets
}

// mark is a bitReader position to return to.
type mark struct {
	bits uint64
	n    uint
	pos  int
}

func (b *bitReader) mark() mark { return mark{b.bits, b.n, b.pos} }

func (b *bitReader) reset(m mark) { b.bits, b.n, b.pos = m.bits, m.n, m.pos }

// refill moves whole bytes from buf into the accumulator, up to 56 or
// more bits when buf holds them.
func (b *bitReader) refill() {
	if b.n > 56 {
		return
	}
	b.bits &= 1<<b.n - 1
	if b.end-b.pos >= 8 {
		b.bits |= binary.LittleEndian.Uint64(b.buf[b.pos:]) << b.n
		k := (63 - b.n) >> 3
		b.pos += int(k)
		b.n += k << 3
		return
	}
	for b.n <= 56 && b.pos < b.end {
		b.bits |= uint64(b.buf[b.pos]) << b.n
		b.pos++
		b.n += 8
	}
}

// need reports whether k bits (k <= 56) are available.
func (b *bitReader) need(k uint) bool {
	if b.n < k {
		b.refill()
	}
	return b.n >= k
}

// take consumes k bits that need reported available.
func (b *bitReader) take(k uint) uint32 {
	v := uint32(b.bits & (1<<k - 1))
	b.bits >>= k
	b.n -= k
	return v
}

// align drops the bits up to the next byte boundary (RFC 1951 §3.2.4:
// a stored block's LEN starts on a byte boundary).
func (b *bitReader) align() { b.take(b.n & 7) }

// offset is the number of input bytes consumed, for error messages.
func (b *bitReader) offset() int64 { return b.dropped + int64(b.pos) - int64(b.n>>3) }

// compact moves the untaken input to the front of buf to make room for
// a read; it is only called between steps.
func (b *bitReader) compact() {
	if b.pos == 0 {
		return
	}
	b.end = copy(b.buf, b.buf[b.pos:b.end])
	b.dropped += int64(b.pos)
	b.pos = 0
}

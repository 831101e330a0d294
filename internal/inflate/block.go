package inflate

// state is where the decoder stands in the stream.
type state uint8

const (
	atHeader  state = iota // before a block header
	inStored               // copying a stored block's bytes
	inHuffman              // decoding a fixed or dynamic Huffman block
	atEnd                  // after the final block
)

// header reads a block header (RFC 1951 §3.2.3) with, for a dynamic
// block, its code tables; lacking input it reads nothing.
func (z *Reader) header() bool {
	b := &z.in
	m := b.mark()
	if !b.need(3) {
		return false
	}
	z.final = b.take(1) == 1
	st := done
	switch typ := b.take(2); typ {
	case 0:
		st = z.storedHeader()
	case 1:
		z.lit, z.dist = &fixedLit, &fixedDist
		z.state = inHuffman
	case 2:
		st = z.dynamic()
	default:
		z.corrupt("reserved block type 3")
		return false
	}
	if st == short {
		b.reset(m)
	}
	return st == done
}

// storedHeader reads LEN and NLEN (RFC 1951 §3.2.4), which start at the
// next byte boundary. An empty stored block is what a sync flush sends.
func (z *Reader) storedHeader() status {
	b := &z.in
	b.align()
	if !b.need(32) {
		return short
	}
	n, nc := b.take(16), b.take(16)
	if n != ^nc&0xffff {
		z.corrupt("stored block length %#04x does not match its complement %#04x", n, nc)
		return bad
	}
	z.stored = int(n)
	z.state = inStored
	return done
}

// storedData copies a stored block's bytes as they arrive, first those
// already in the accumulator (the header left it byte aligned).
func (z *Reader) storedData() bool {
	b := &z.in
	for z.stored > 0 {
		free := z.win.free()
		if free == 0 {
			return false
		}
		if b.n >= 8 {
			z.win.literal(byte(b.take(8)))
			z.stored--
			continue
		}
		k := min(b.end-b.pos, free, z.stored)
		if k == 0 {
			return false
		}
		z.win.write(b.buf[b.pos : b.pos+k])
		b.pos += k
		z.stored -= k
	}
	z.endBlock()
	return true
}

// endBlock moves on to the next block header, or to the end of the
// stream after the final block.
func (z *Reader) endBlock() {
	z.state = atHeader
	if z.final {
		z.state = atEnd
	}
}

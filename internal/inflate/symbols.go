package inflate

// RFC 1951 §3.2.5: base lengths and distances of the length and distance
// codes and their numbers of extra bits.
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// fixedLit and fixedDist are the fixed codes of RFC 1951 §3.2.6, shared
// read-only by every Reader.
var fixedLit, fixedDist = func() (lit, dist huffman) {
	var l [maxLitSyms]uint8
	for i := range l {
		switch {
		case i < 144:
			l[i] = 8
		case i < 256:
			l[i] = 9
		case i < 280:
			l[i] = 7
		default:
			l[i] = 8
		}
	}
	d := [32]uint8{}
	for i := range d {
		d[i] = 5
	}
	if lit.init(l[:]) != nil || dist.init(d[:]) != nil {
		panic("inflate: fixed codes do not build")
	}
	return lit, dist
}()

// symbols decodes a Huffman block's literals and length/distance pairs
// while the window has room for the longest copy. Each literal or pair
// is one step: if its last bit has not arrived, the step is undone.
func (z *Reader) symbols() bool {
	b := &z.in
	for z.win.free() >= maxMatch {
		m := b.mark()
		sym, st := z.lit.decode(b)
		switch {
		case st == short:
			b.reset(m)
			return false
		case st == bad:
			z.corrupt("invalid literal/length code")
			return false
		case sym < 256:
			z.win.literal(byte(sym))
			continue
		case sym == 256:
			z.endBlock()
			return true
		}
		st = z.pair(sym)
		if st == short {
			b.reset(m)
		}
		if st != done {
			return false
		}
	}
	return false
}

// pair finishes a length/distance pair whose length symbol is sym.
func (z *Reader) pair(sym int) status {
	b := &z.in
	sym -= 257
	if sym >= len(lengthBase) {
		z.corrupt("invalid length symbol %d", sym+257)
		return bad
	}
	e := uint(lengthExtra[sym])
	if !b.need(e) {
		return short
	}
	length := int(lengthBase[sym]) + int(b.take(e))
	dsym, st := z.dist.decode(b)
	if st == bad || st == done && dsym >= len(distBase) {
		z.corrupt("invalid distance code")
		return bad
	}
	if st == short {
		return short
	}
	e = uint(distExtra[dsym])
	if !b.need(e) {
		return short
	}
	dist := int(distBase[dsym]) + int(b.take(e))
	if int64(dist) > z.win.wr {
		z.corrupt("distance %d reaches before the start of the output", dist)
		return bad
	}
	z.win.match(dist, length)
	return done
}

package inflate

const (
	maxLit  = 286 // RFC 1951 §3.2.7: HLIT is at most 286 (zlib agrees)
	maxDist = 30  // HDIST: 32 is encodable but codes 30, 31 never occur
)

// codeOrder is the order of the code length code lengths, RFC 1951
// §3.2.7.
var codeOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// dynamic reads a dynamic block's code tables (RFC 1951 §3.2.7). It
// never stops half way: short of input, the caller rolls back and the
// whole header (at most some 600 bytes) is read again later.
func (z *Reader) dynamic() status {
	b := &z.in
	if !b.need(14) {
		return short
	}
	nlit, ndist, nclen := int(b.take(5))+257, int(b.take(5))+1, int(b.take(4))+4
	if nlit > maxLit || ndist > maxDist {
		z.corrupt("dynamic block with %d literal/length and %d distance codes", nlit, ndist)
		return bad
	}
	var cl [19]uint8
	for i := range nclen {
		if !b.need(3) {
			return short
		}
		cl[codeOrder[i]] = uint8(b.take(3))
	}
	if err := z.clen.init(cl[:]); err != nil {
		z.corrupt("code length code: %v", err)
		return bad
	}
	lens := z.lens[:nlit+ndist]
	if st := z.codeLengths(lens); st != done {
		return st
	}
	if lens[256] == 0 {
		z.corrupt("dynamic block without an end-of-block code")
		return bad
	}
	if err := z.dynLit.init(lens[:nlit]); err != nil {
		z.corrupt("literal/length code: %v", err)
		return bad
	}
	if err := z.dynDist.init(lens[nlit:]); err != nil {
		z.corrupt("distance code: %v", err)
		return bad
	}
	z.lit, z.dist = &z.dynLit, &z.dynDist
	z.state = inHuffman
	return done
}

// codeLengths reads the run-length coded code lengths: 0..15 literally,
// 16 repeats the previous 3-6 times, 17 and 18 give 3-10 and 11-138
// zeros. Runs may cross from the literal into the distance lengths.
func (z *Reader) codeLengths(lens []uint8) status {
	b := &z.in
	for i := 0; i < len(lens); {
		sym, st := z.clen.decode(b)
		if st == bad {
			z.corrupt("invalid code length code")
		}
		if st != done {
			return st
		}
		if sym < 16 {
			lens[i] = uint8(sym)
			i++
			continue
		}
		extra, base, val := uint(2), 3, uint8(0)
		switch sym {
		case 16:
			if i == 0 {
				z.corrupt("repeat of the previous code length with none before")
				return bad
			}
			val = lens[i-1]
		case 17:
			extra = 3
		default:
			extra, base = 7, 11
		}
		if !b.need(extra) {
			return short
		}
		n := base + int(b.take(extra))
		if i+n > len(lens) {
			z.corrupt("code length run of %d past the %d codes", n, len(lens))
			return bad
		}
		for range n {
			lens[i] = val
			i++
		}
	}
	return done
}

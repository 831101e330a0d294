package inflate

const (
	windowSize = 1 << 15 // RFC 1951 §2: distances reach 32 KiB back
	windowMask = windowSize - 1
	maxMatch   = 258 // RFC 1951 §3.2.5: the longest copy
)

// window is the last 32 KiB of output, as a ring. It doubles as the
// output buffer: bytes between rd and wr are decoded but not yet handed
// out, so decoding pauses while fewer than maxMatch slots are free.
type window struct {
	buf    [windowSize]byte
	wr, rd int64 // bytes written since the start, bytes handed out
}

// free is the room for more output before unread bytes are overwritten.
func (w *window) free() int { return windowSize - int(w.wr-w.rd) }

func (w *window) literal(c byte) {
	w.buf[w.wr&windowMask] = c
	w.wr++
}

// write appends stored bytes; len(p) <= free().
func (w *window) write(p []byte) {
	i := int(w.wr & windowMask)
	n := copy(w.buf[i:], p)
	copy(w.buf[:], p[n:])
	w.wr += int64(len(p))
}

// match copies length bytes from dist back; dist <= wr was checked.
// Overlapping copies (dist < length) repeat the last dist bytes, as
// RFC 1951 §3.2.3 requires, so they go byte by byte.
func (w *window) match(dist, length int) {
	src := int(w.wr-int64(dist)) & windowMask
	dst := int(w.wr & windowMask)
	w.wr += int64(length)
	if dist >= length && src+length <= windowSize && dst+length <= windowSize {
		copy(w.buf[dst:dst+length], w.buf[src:src+length])
		return
	}
	for range length {
		w.buf[dst] = w.buf[src]
		dst = (dst + 1) & windowMask
		src = (src + 1) & windowMask
	}
}

// read hands out decoded bytes.
func (w *window) read(p []byte) int {
	n := 0
	for n < len(p) && w.rd < w.wr {
		i := int(w.rd & windowMask)
		end := min(windowSize, i+int(w.wr-w.rd))
		k := copy(p[n:], w.buf[i:end])
		n += k
		w.rd += int64(k)
	}
	return n
}

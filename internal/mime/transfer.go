package mime

// Content-Transfer-Encoding decoders (RFC 2045 §6). Both are lenient: mail
// with broken encoding must still be served, so nothing here fails.

// b64 maps a base64 alphabet byte to its 6-bit value; 0xFF marks any other
// byte, which RFC 2045 §6.8 says a decoder ignores.
var b64 = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xFF
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = byte(i)
	}
	return t
}()

// decodeBase64 decodes base64 text, skipping line breaks, padding and any
// byte outside the alphabet; a trailing partial quantum yields the whole
// bytes it holds.
func decodeBase64(src []byte) []byte {
	out := make([]byte, 0, len(src)*3/4)
	var acc uint32
	n := 0
	for _, c := range src {
		v := b64[c]
		if v == 0xFF {
			continue
		}
		acc = acc<<6 | uint32(v)
		n++
		if n == 4 {
			out = append(out, byte(acc>>16), byte(acc>>8), byte(acc))
			acc, n = 0, 0
		}
	}
	switch n {
	case 2:
		out = append(out, byte(acc>>4))
	case 3:
		out = append(out, byte(acc>>10), byte(acc>>2))
	}
	return out
}

// base64DecodedLen is len(decodeBase64(src)) without decoding.
func base64DecodedLen(src []byte) int64 {
	var n int64
	for _, c := range src {
		if b64[c] != 0xFF {
			n++
		}
	}
	return n/4*3 + [4]int64{0, 0, 1, 2}[n%4]
}

// decodeQP decodes quoted-printable text (RFC 2045 §6.7): "=XX" is a byte
// (lower-case hex accepted), "=" at the end of a line is a soft line break,
// whitespace at the end of a line was added in transport and is dropped,
// and a "=" that starts neither is kept as is.
func decodeQP(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for len(src) > 0 {
		line, rest, brk := cutLine(src)
		src = rest
		line = trimRightWSP(line)
		soft := len(line) > 0 && line[len(line)-1] == '='
		if soft {
			line = line[:len(line)-1]
		}
		out = appendQPLine(out, line)
		if !soft {
			out = append(out, brk...)
		}
	}
	return out
}

// appendQPLine decodes the escapes of one line without its line break.
func appendQPLine(out, line []byte) []byte {
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '=' && i+2 < len(line) && isHex(line[i+1]) && isHex(line[i+2]) {
			out = append(out, unhex(line[i+1])<<4|unhex(line[i+2]))
			i += 2
			continue
		}
		out = append(out, c)
	}
	return out
}

// cutLine splits b after its first line break and returns the line without
// it, the rest, and the break itself ("\r\n", "\n" or "").
func cutLine(b []byte) (line, rest, brk []byte) {
	for i, c := range b {
		if c == '\n' {
			if i > 0 && b[i-1] == '\r' {
				return b[:i-1], b[i+1:], b[i-1 : i+1]
			}
			return b[:i], b[i+1:], b[i : i+1]
		}
	}
	return b, nil, nil
}

func trimRightWSP(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

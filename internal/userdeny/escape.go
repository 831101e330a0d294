package userdeny

import "errors"

// escByte starts an escape in Cyrus's flat database format.
const escByte = 0xff

// needsEscape: the bytes that would end a field or a line, and the escape
// byte itself.
func needsEscape(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\r' || c == escByte
}

// escape appends s in the flat format: 0xFF 0xFF for 0xFF, 0xFF (c|0x80)
// for the other bytes that need it.
func escape(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == escByte:
			b = append(b, escByte, escByte)
		case needsEscape(c):
			b = append(b, escByte, c|0x80)
		default:
			b = append(b, c)
		}
	}
	return b
}

// unescape reverses escape. A raw tab, CR or NUL inside a field, or an
// escape byte at the end, is malformed.
func unescape(b []byte) (string, error) {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != escByte {
			if needsEscape(c) {
				return "", errors.New("unescaped control byte")
			}
			out = append(out, c)
			continue
		}
		i++
		if i == len(b) {
			return "", errors.New("escape at end of field")
		}
		if b[i] == escByte {
			out = append(out, escByte)
		} else {
			out = append(out, b[i]&^0x80)
		}
	}
	return string(out), nil
}

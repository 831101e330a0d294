package wire

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrBadUTF7 reports a mailbox name that is not canonical modified UTF-7.
var ErrBadUTF7 = errors.New("invalid modified UTF-7 mailbox name")

// modified BASE64 of RFC 3501 §5.1.3: RFC 2045's alphabet with "," for "/".
const b64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,"

var b64Value = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(b64Alphabet); i++ {
		t[b64Alphabet[i]] = int8(i)
	}
	return t
}()

// isDirect reports whether r stands for itself: printable US-ASCII.
func isDirect(r rune) bool { return r >= 0x20 && r <= 0x7e }

// EncodeMailboxUTF7 encodes a UTF-8 mailbox name in modified UTF-7 (RFC
// 3501 §5.1.3): printable ASCII as itself ("&" as "&-"), every run of
// other characters as "&" modified-BASE64(UTF-16BE) "-". Invalid UTF-8 is
// encoded as U+FFFD.
func EncodeMailboxUTF7(name string) string {
	var sb strings.Builder
	var run []uint16
	flush := func() {
		if len(run) > 0 {
			sb.WriteByte('&')
			encodeB64(&sb, run)
			sb.WriteByte('-')
			run = run[:0]
		}
	}
	for _, r := range name {
		switch {
		case r == '&':
			flush()
			sb.WriteString("&-")
		case isDirect(r):
			flush()
			sb.WriteRune(r)
		default:
			run = utf16.AppendRune(run, r)
		}
	}
	flush()
	return sb.String()
}

// encodeB64 writes the UTF-16BE units in modified BASE64, no padding.
func encodeB64(sb *strings.Builder, units []uint16) {
	var acc uint32
	bits := 0
	for _, u := range units {
		acc = acc<<16 | uint32(u)
		bits += 16
		for bits >= 6 {
			bits -= 6
			sb.WriteByte(b64Alphabet[(acc>>bits)&0x3f])
		}
	}
	if bits > 0 {
		sb.WriteByte(b64Alphabet[(acc<<(6-bits))&0x3f])
	}
}

// DecodeMailboxUTF7 decodes a modified UTF-7 mailbox name to UTF-8. It is
// strict, so that each name has exactly one spelling: octets outside
// printable ASCII, a bare "&", an unterminated or empty-but-for-padding
// shift, non-zero padding bits, unpaired surrogates, encoded printable
// ASCII and two shifts in a row are all ErrBadUTF7.
func DecodeMailboxUTF7(name string) (string, error) {
	var sb strings.Builder
	afterShift := false
	for i := 0; i < len(name); {
		c := name[i]
		if c < 0x20 || c > 0x7e {
			return "", ErrBadUTF7
		}
		if c != '&' {
			sb.WriteByte(c)
			i++
			afterShift = false
			continue
		}
		end := strings.IndexByte(name[i+1:], '-')
		if end < 0 {
			return "", ErrBadUTF7
		}
		enc := name[i+1 : i+1+end]
		i += end + 2
		if enc == "" {
			sb.WriteByte('&')
			afterShift = false
			continue
		}
		if afterShift {
			return "", ErrBadUTF7 // "&AOQ-&AOQ-" must be one shift
		}
		if err := decodeB64(&sb, enc); err != nil {
			return "", err
		}
		afterShift = true
	}
	return sb.String(), nil
}

// decodeB64 decodes one shifted run into sb.
func decodeB64(sb *strings.Builder, enc string) error {
	var units []uint16
	var acc uint32
	bits := 0
	for i := 0; i < len(enc); i++ {
		v := b64Value[enc[i]]
		if v < 0 {
			return ErrBadUTF7
		}
		acc = acc<<6 | uint32(v)
		bits += 6
		if bits >= 16 {
			bits -= 16
			units = append(units, uint16(acc>>bits))
		}
	}
	// Leftover bits must be padding: fewer than 6, all zero.
	if bits >= 6 || acc&(1<<bits-1) != 0 || len(units) == 0 {
		return ErrBadUTF7
	}
	for i := 0; i < len(units); i++ {
		r := rune(units[i])
		switch {
		case utf16.IsSurrogate(r):
			if i+1 >= len(units) {
				return ErrBadUTF7
			}
			r = utf16.DecodeRune(r, rune(units[i+1]))
			if r == utf8.RuneError {
				return ErrBadUTF7
			}
			i++
		case isDirect(r):
			return ErrBadUTF7
		}
		sb.WriteRune(r)
	}
	return nil
}

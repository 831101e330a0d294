package mime

import (
	"strings"
	"unicode/utf8"
)

// DecodeHeader decodes the RFC 2047 encoded-words in a header value to
// UTF-8. It is lenient where real mail is broken: encoded-words are
// recognised inside quoted strings and next to other text, whitespace is
// dropped only between two adjacent encoded-words (RFC 2047 §6.2), and the
// bytes of adjacent encoded-words in the same charset are joined before
// conversion, so a UTF-8 character split across two words survives. An
// encoded-word in a charset we cannot convert is left as written; raw 8-bit
// text outside encoded-words is kept if it is valid UTF-8 (RFC 6532) and
// read as windows-1252 otherwise.
func DecodeHeader(s string) string {
	if !strings.Contains(s, "=?") {
		if utf8.ValidString(s) {
			return s
		}
		return bestEffortUTF8([]byte(s))
	}
	var d wordDecoder
	for len(s) > 0 {
		i := strings.Index(s, "=?")
		if i < 0 {
			d.text(s)
			break
		}
		charset, data, n, ok := parseEncodedWord(s[i:])
		if !ok {
			d.text(s[:i+2])
			s = s[i+2:]
			continue
		}
		d.text(s[:i])
		d.word(charset, data, s[i:i+n])
		s = s[i+n:]
	}
	return d.finish()
}

// wordDecoder accumulates DecodeHeader's output.
type wordDecoder struct {
	out     strings.Builder
	space   string // whitespace seen after an encoded-word, held back
	afterEW bool   // the last thing written was an encoded-word
	charset string // charset of the pending bytes
	pending []byte // decoded bytes of adjacent encoded-words not yet converted
}

// text adds literal text; whitespace right after an encoded-word is held
// back until we know whether another encoded-word follows.
func (d *wordDecoder) text(t string) {
	if t == "" {
		return
	}
	if d.afterEW && strings.Trim(t, " \t\r\n") == "" {
		d.space += t
		return
	}
	d.flush()
	d.out.WriteString(d.space)
	d.space = ""
	d.afterEW = false
	d.out.WriteString(bestEffortUTF8([]byte(t)))
}

// word adds one decoded encoded-word; raw is its source text, kept when its
// charset is unknown.
func (d *wordDecoder) word(charset string, data []byte, raw string) {
	charset = canonicalCharset(charset)
	if _, ok := toUTF8(charset, nil); !ok {
		d.flush()
		d.out.WriteString(d.space)
		d.out.WriteString(raw)
		d.space, d.afterEW = "", false
		return
	}
	if d.charset != charset {
		d.flush()
	}
	d.space = "" // RFC 2047 §6.2: whitespace between encoded-words is dropped
	d.charset = charset
	d.pending = append(d.pending, data...)
	d.afterEW = true
}

// flush converts the pending encoded-word bytes.
func (d *wordDecoder) flush() {
	if len(d.pending) > 0 {
		s, _ := toUTF8(d.charset, d.pending)
		d.out.WriteString(s)
	}
	d.pending = d.pending[:0]
	d.charset = ""
}

func (d *wordDecoder) finish() string {
	d.flush()
	d.out.WriteString(d.space)
	return d.out.String()
}

// parseEncodedWord parses "=?charset?enc?text?=" at the start of s (RFC 2047
// §2; the charset may carry an RFC 2231 "*lang" suffix) and returns the
// decoded bytes and the encoded-word's length.
func parseEncodedWord(s string) (charset string, data []byte, n int, ok bool) {
	rest := s[2:]
	q := strings.IndexByte(rest, '?')
	if q <= 0 || q > 75 || strings.ContainsAny(rest[:q], " \t\r\n") {
		return "", nil, 0, false
	}
	charset = rest[:q]
	if star := strings.IndexByte(charset, '*'); star >= 0 {
		charset = charset[:star]
	}
	rest = rest[q+1:]
	if len(rest) < 2 || rest[1] != '?' {
		return "", nil, 0, false
	}
	enc := rest[0] | 0x20
	rest = rest[2:]
	end := strings.Index(rest, "?=")
	if end < 0 || strings.ContainsAny(rest[:end], "\r\n") {
		return "", nil, 0, false
	}
	text := rest[:end]
	switch enc {
	case 'b':
		data = decodeBase64([]byte(text))
	case 'q':
		data = decodeQWord(text)
	default:
		return "", nil, 0, false
	}
	n = len(s) - len(rest) + end + 2
	return charset, data, n, true
}

// decodeQWord decodes RFC 2047 §4.2 "Q" text: "_" is a space, "=XX" a byte.
func decodeQWord(t string) []byte {
	out := make([]byte, 0, len(t))
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '_':
			out = append(out, ' ')
		case c == '=' && i+2 < len(t) && isHex(t[i+1]) && isHex(t[i+2]):
			out = append(out, unhex(t[i+1])<<4|unhex(t[i+2]))
			i += 2
		default:
			out = append(out, c)
		}
	}
	return out
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	default:
		return c - 'a' + 10
	}
}

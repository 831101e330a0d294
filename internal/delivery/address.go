package delivery

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxAddress bounds a recipient address in bytes. RFC 5321 §4.5.3.1.3
// limits a path to 256 octets; four times that leaves room for UTF-8
// (RFC 6531) and source routes, and anything longer is hostile.
const maxAddress = 1024

// address is a recipient address taken apart: the local part unquoted and
// unescaped, and the domain ("" if there was none).
type address struct {
	local, domain string
}

// parseAddress parses a forward-path as RCPT TO gives it (RFC 5321
// §4.1.2), leniently as Cyrus lmtpd does. The surrounding <> are optional,
// a source route ("@a,@b:") is skipped (RFC 5321 §C), and the local part
// may be quoted or contain backslash escapes. UTF-8 is allowed (RFC 6531),
// but control characters are refused anywhere. Errors wrap ErrBadAddress.
func parseAddress(s string) (address, error) {
	bad := func(why string) (address, error) {
		return address{}, fmt.Errorf("%w %s: %s", ErrBadAddress, clip(s), why)
	}
	switch {
	case len(s) > maxAddress:
		return bad("too long")
	case !utf8.ValidString(s):
		return bad("not UTF-8")
	case strings.IndexFunc(s, isControl) >= 0:
		return bad("control character")
	}
	p := strings.TrimSpace(s)
	if strings.HasPrefix(p, "<") {
		if len(p) < 2 || !strings.HasSuffix(p, ">") {
			return bad("unbalanced angle brackets")
		}
		p = p[1 : len(p)-1]
	}
	if strings.HasPrefix(p, "@") {
		_, rest, ok := strings.Cut(p, ":")
		if !ok {
			return bad("source route without ':'")
		}
		p = rest
	}
	local, rest, err := scanLocal(p)
	if err != nil {
		return bad(err.Error())
	}
	if local == "" {
		return bad("empty local part")
	}
	if rest == "" {
		return address{local: local}, nil
	}
	if rest[0] != '@' {
		return bad("text after the local part")
	}
	if err := checkDomain(rest[1:]); err != nil {
		return bad(err.Error())
	}
	return address{local: local, domain: rest[1:]}, nil
}

// scanLocal reads the local part at the start of p and returns it
// unquoted, with the rest of p (empty, or starting with '@').
func scanLocal(p string) (local, rest string, err error) {
	if strings.HasPrefix(p, `"`) {
		return scanQuoted(p)
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '@':
			return b.String(), p[i:], nil
		case c == '\\':
			if i++; i == len(p) {
				return "", "", fmt.Errorf("backslash at the end")
			}
			b.WriteByte(p[i])
		case c == ' ' || strings.IndexByte(`<>()[],;:"`, c) >= 0:
			// RFC 5321 §4.1.2: specials are allowed only quoted.
			return "", "", fmt.Errorf("character %q not allowed unquoted", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), "", nil
}

// scanQuoted reads a quoted-string local part (RFC 5321 §4.1.2) at the
// start of p, which begins with '"'.
func scanQuoted(p string) (local, rest string, err error) {
	var b strings.Builder
	for i := 1; i < len(p); i++ {
		switch p[i] {
		case '"':
			return b.String(), p[i+1:], nil
		case '\\':
			if i++; i == len(p) {
				return "", "", fmt.Errorf("unterminated quoted string")
			}
		}
		b.WriteByte(p[i])
	}
	return "", "", fmt.Errorf("unterminated quoted string")
}

// checkDomain accepts a domain of dot-separated labels of letters, digits,
// '-' and UTF-8 (RFC 6531 U-labels), or an address literal "[…]". Whether
// the domain is one of ours is the MTA's business, as with Cyrus.
func checkDomain(d string) error {
	if strings.HasPrefix(d, "[") {
		if len(d) < 3 || !strings.HasSuffix(d, "]") || strings.ContainsAny(d[1:len(d)-1], `[]\ `) {
			return fmt.Errorf("bad address literal")
		}
		return nil
	}
	if d == "" {
		return fmt.Errorf("empty domain")
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" {
			return fmt.Errorf("empty domain label")
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c >= 0x80
			if !ok {
				return fmt.Errorf("domain character %q not allowed", c)
			}
		}
	}
	return nil
}

// isControl reports C0 and C1 control characters and DEL, NUL included.
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f
}

// asciiLower lower-cases ASCII letters only, as Cyrus's TOLOWER does for
// lmtp_downcase_rcpt; other bytes are left alone.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// clip quotes s for an error message, cut short so that a hostile
// address cannot flood the logs.
func clip(s string) string {
	const max = 80
	if len(s) > max {
		return fmt.Sprintf("%q…", s[:max])
	}
	return fmt.Sprintf("%q", s)
}

package scram

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrMalformed is wrapped by every error about a client message that does
// not follow RFC 5802's grammar.
var ErrMalformed = errors.New("malformed SCRAM message")

// DecodeName decodes an RFC 5802 §7 saslname, in which "=2C" stands for ','
// and "=3D" for '='. Any other '=', a ',' or a NUL, invalid UTF-8 or an
// empty name is an error. GS2 (RFC 5801) uses the same encoding for the
// authzid, so OAUTHBEARER's "a=" field is decoded with it too.
func DecodeName(s string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("%w: empty name", ErrMalformed)
	}
	if !utf8.ValidString(s) || strings.ContainsAny(s, ",\x00") {
		return "", fmt.Errorf("%w: name has a forbidden character", ErrMalformed)
	}
	if !strings.Contains(s, "=") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '=' {
			b.WriteByte(s[i])
			continue
		}
		switch {
		case strings.HasPrefix(s[i:], "=2C"):
			b.WriteByte(',')
		case strings.HasPrefix(s[i:], "=3D"):
			b.WriteByte('=')
		default:
			return "", fmt.Errorf("%w: bad '=' escape in name", ErrMalformed)
		}
		i += 2
	}
	return b.String(), nil
}

// EncodeName is the inverse of DecodeName, for clients and tests.
func EncodeName(s string) string {
	return strings.NewReplacer("=", "=3D", ",", "=2C").Replace(s)
}

package notify

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxAddress is the longest address accepted (RFC 5321 §4.5.3.1.3 bounds
// a path at 256 octets including the angle brackets).
const maxAddress = 254

// recipients turns mailto's options into addresses. Each option is an
// address or a mailto: URI (RFC 6068) as a Sieve notify action gives it:
// the scheme and any ?headers are dropped, %-escapes decoded and
// comma-separated addresses split. Every address must pass checkAddress.
func recipients(options []string) ([]string, error) {
	var addrs []string
	for _, opt := range options {
		opt = strings.TrimSpace(opt)
		if len(opt) >= 7 && strings.EqualFold(opt[:7], "mailto:") {
			to, _, _ := strings.Cut(opt[7:], "?")
			dec, err := url.PathUnescape(to)
			if err != nil {
				return nil, fmt.Errorf("mailto URI %q: %w", opt, err)
			}
			opt = dec
		}
		for _, a := range strings.Split(opt, ",") {
			a = strings.TrimSpace(a)
			if err := checkAddress(a); err != nil {
				return nil, err
			}
			addrs = append(addrs, a)
		}
	}
	if len(addrs) == 0 {
		// as Cyrus: "mailto URI not specified"
		return nil, fmt.Errorf("no recipient address in the options")
	}
	return addrs, nil
}

// checkAddress accepts local or local@domain, where local is a dot-atom
// (RFC 5322 §3.2.3, UTF-8 allowed as RFC 6532 does) and domain a dotted
// host name. It is stricter than RFC 5322 (no quoted local parts, no
// address literals) because the address goes on sendmail's command line:
// nothing in it may read as an option or break a header.
func checkAddress(a string) error {
	switch {
	case a == "":
		return fmt.Errorf("empty recipient address")
	case len(a) > maxAddress:
		return fmt.Errorf("recipient address longer than %d bytes", maxAddress)
	case a[0] == '-':
		return fmt.Errorf("recipient address %q starts with '-'", a)
	case !utf8.ValidString(a):
		return fmt.Errorf("recipient address %q is not valid UTF-8", a)
	}
	local, domain, hasDomain := strings.Cut(a, "@")
	if !dotted(local, isAtext) {
		return fmt.Errorf("recipient address %q: bad local part", a)
	}
	if hasDomain && !dotted(domain, isDomainChar) {
		return fmt.Errorf("recipient address %q: bad domain", a)
	}
	return nil
}

// dotted reports whether s is one or more non-empty runs of ok characters
// joined by single dots.
func dotted(s string, ok func(rune) bool) bool {
	for _, part := range strings.Split(s, ".") {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !ok(r) {
				return false
			}
		}
	}
	return true
}

// isAtext is RFC 5322's atext, plus non-ASCII characters (RFC 6532).
func isAtext(r rune) bool {
	return isAlnum(r) || isUTF8Text(r) || strings.ContainsRune("!#$%&'*+-/=?^_`{|}~", r)
}

// isDomainChar allows letters, digits, hyphens and non-ASCII (IDN) labels.
func isDomainChar(r rune) bool { return isAlnum(r) || r == '-' || isUTF8Text(r) }

// isUTF8Text allows printable non-ASCII characters, but no spaces or line
// separators (U+0085, U+2028), which could break a header.
func isUTF8Text(r rune) bool {
	return r >= utf8.RuneSelf && unicode.IsPrint(r) && !unicode.IsSpace(r)
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

package lmtp

import "strings"

// mailbox is an RFC 5321 §4.1.2 Mailbox taken from a Path.
type mailbox struct {
	raw    string // as sent (8-bit munged when lax), no <> or source route
	local  string // local part, quoting removed
	domain string // domain or address literal; "" when absent
}

var errPathSyntax = fail(501, "5.5.4", "Syntax error in parameters")

// parsePath parses "<" [A-d-l ":"] Mailbox ">" at the start of s and
// returns what follows, which is empty or starts with a space. As Cyrus,
// the domain is optional (LMTP clients send bare user names) and a source
// route is accepted and dropped (RFC 5321 §4.1.2 keeps its syntax). With
// lax (lmtp_strict_rfc2821: no) 8-bit octets become 'X' instead of a
// syntax error.
func parsePath(s string, lax bool) (mailbox, string, error) {
	if !strings.HasPrefix(s, "<") {
		return mailbox{}, "", errPathSyntax
	}
	i := 1
	if i < len(s) && s[i] == '@' {
		j := strings.IndexByte(s[i:], ':')
		if j < 0 || !validRoute(s[i:i+j]) {
			return mailbox{}, "", errPathSyntax
		}
		i += j + 1
	}
	raw, local, i, ok := parseLocal(s, i, lax)
	if !ok {
		return mailbox{}, "", errPathSyntax
	}
	var domain string
	if i < len(s) && s[i] == '@' {
		if domain, i, ok = parseDomain(s, i+1); !ok {
			return mailbox{}, "", errPathSyntax
		}
		raw = append(append(raw, '@'), domain...)
	}
	if i >= len(s) || s[i] != '>' {
		return mailbox{}, "", errPathSyntax
	}
	rest := s[i+1:]
	if rest != "" && rest[0] != ' ' {
		return mailbox{}, "", errPathSyntax
	}
	return mailbox{raw: string(raw), local: string(local), domain: domain}, rest, nil
}

// parseLocal parses a Local-part at s[i:]: a Dot-string or a
// Quoted-string (RFC 5321 §4.1.2). It returns the raw form, the unquoted
// form and the index after it.
func parseLocal(s string, i int, lax bool) (raw, local []byte, next int, ok bool) {
	if i < len(s) && s[i] == '"' {
		return parseQuoted(s, i, lax)
	}
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 && lax:
			c = 'X'
		case !isAtext(c) && c != '.':
			return raw, local, i, len(local) > 0
		}
		raw = append(raw, c)
		local = append(local, c)
	}
	return raw, local, i, len(local) > 0
}

// parseQuoted parses a Quoted-string starting at the quote s[i].
func parseQuoted(s string, i int, lax bool) (raw, local []byte, next int, ok bool) {
	raw = append(raw, '"')
	for i++; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return append(raw, '"'), local, i + 1, true
		case c == '\\':
			// quoted-pairSMTP: backslash and one printable octet.
			if i+1 >= len(s) || s[i+1] < ' ' || s[i+1] == 127 || (s[i+1] >= 0x80 && !lax) {
				return nil, nil, i, false
			}
			i++
			c = s[i]
			if c >= 0x80 {
				c = 'X'
			}
			raw = append(raw, '\\', c)
			local = append(local, c)
			continue
		case c < ' ' || c == 127 || (c >= 0x80 && !lax):
			return nil, nil, i, false
		case c >= 0x80:
			c = 'X'
		}
		raw = append(raw, c)
		local = append(local, c)
	}
	return nil, nil, i, false
}

// parseDomain parses a Domain or address-literal at s[i:].
func parseDomain(s string, i int) (string, int, bool) {
	start := i
	if i < len(s) && s[i] == '[' {
		for i++; i < len(s) && s[i] != ']'; i++ {
			// dcontent (RFC 5321 §4.1.3), which also covers IPv6 forms.
			if c := s[i]; c < 33 || c > 126 || c == '[' || c == '\\' {
				return "", i, false
			}
		}
		if i >= len(s) || i == start+1 {
			return "", i, false
		}
		return s[start : i+1], i + 1, true
	}
	for i < len(s) && isDomainChar(s[i]) {
		i++
	}
	return s[start:i], i, i > start
}

// validRoute checks an A-d-l: "@" domain *("," "@" domain).
func validRoute(r string) bool {
	for part := range strings.SplitSeq(r, ",") {
		if !strings.HasPrefix(part, "@") {
			return false
		}
		d, n, ok := parseDomain(part, 1)
		if !ok || n != len(part) || d == "" {
			return false
		}
	}
	return true
}

// isAtext: RFC 5322 §3.2.3 atext.
func isAtext(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// isDomainChar accepts letters, digits, '-', '.' and, leniently, '_'.
func isDomainChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_'
}

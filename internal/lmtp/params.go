package lmtp

import (
	"strconv"
	"strings"
)

// mailCmd is a parsed MAIL command.
type mailCmd struct {
	from        mailbox // zero for the null path
	size        int64   // SIZE=, 0 when absent; MaxInt64 when too large to parse
	body        string  // "", "7BIT" or "8BITMIME"
	authParam   string  // AUTH= decoded; "" for <>
	ignoreQuota bool
}

// rcptCmd is a parsed RCPT command.
type rcptCmd struct {
	to          mailbox
	ignoreQuota bool
}

// param is one esmtp-param (RFC 5321 §4.1.2).
type param struct {
	key, value string // key upper-cased
	hasValue   bool
}

// parseMail parses the argument of MAIL: "FROM:" Reverse-path params.
// As many servers do, blanks after the colon are tolerated.
func parseMail(arg string, lax bool) (mailCmd, error) {
	rest, ok := cutPrefixFold(arg, "FROM:")
	if !ok {
		return mailCmd{}, fail(501, "5.5.4", "Syntax: MAIL FROM:<address> [parameters]")
	}
	var m mailCmd
	rest = strings.TrimLeft(rest, " ")
	if after, isNull := strings.CutPrefix(rest, "<>"); isNull && (after == "" || after[0] == ' ') {
		rest = after
	} else {
		var err error
		if m.from, rest, err = parsePath(rest, lax); err != nil {
			return mailCmd{}, err
		}
	}
	params, err := parseParams(rest)
	if err != nil {
		return mailCmd{}, err
	}
	seen := map[string]bool{}
	for _, p := range params {
		if seen[p.key] {
			return mailCmd{}, fail(501, "5.5.4", "Duplicate parameter "+p.key)
		}
		seen[p.key] = true
		if err := m.apply(p); err != nil {
			return mailCmd{}, err
		}
	}
	return m, nil
}

// apply takes one MAIL parameter.
func (m *mailCmd) apply(p param) error {
	switch p.key {
	case "SIZE": // RFC 1870 §6
		if !p.hasValue || len(p.value) > 20 || strings.Trim(p.value, "0123456789") != "" {
			return fail(501, "5.5.4", "SIZE requires a number")
		}
		n, err := strconv.ParseInt(p.value, 10, 64)
		if err != nil {
			n = 1<<63 - 1 // out of range: over any limit, as Cyrus
		}
		m.size = n
	case "BODY": // RFC 6152 §2
		v := strings.ToUpper(p.value)
		if v != "7BIT" && v != "8BITMIME" {
			return fail(501, "5.5.4", "Unrecognized BODY type")
		}
		m.body = v
	case "AUTH": // RFC 4954 §5
		if !p.hasValue {
			return fail(501, "5.5.4", "AUTH requires a value")
		}
		if p.value != "<>" {
			v, ok := decodeXtext(p.value)
			if !ok {
				return fail(501, "5.5.4", "Invalid AUTH parameter")
			}
			m.authParam = v
		}
	case "IGNOREQUOTA":
		if p.hasValue {
			return fail(501, "5.5.4", "IGNOREQUOTA takes no value")
		}
		m.ignoreQuota = true
	default:
		return fail(555, "5.5.4", "Unsupported parameter "+p.key)
	}
	return nil
}

// parseRcpt parses the argument of RCPT: "TO:" Forward-path params.
func parseRcpt(arg string, lax bool) (rcptCmd, error) {
	rest, ok := cutPrefixFold(arg, "TO:")
	if !ok {
		return rcptCmd{}, fail(501, "5.5.4", "Syntax: RCPT TO:<address> [parameters]")
	}
	to, rest, err := parsePath(strings.TrimLeft(rest, " "), lax)
	if err != nil {
		return rcptCmd{}, err
	}
	params, err := parseParams(rest)
	if err != nil {
		return rcptCmd{}, err
	}
	r := rcptCmd{to: to}
	for _, p := range params {
		// As Cyrus, IGNOREQUOTA is the one RCPT parameter.
		if p.key != "IGNOREQUOTA" || p.hasValue {
			return rcptCmd{}, fail(555, "5.5.4", "Unsupported parameter "+p.key)
		}
		r.ignoreQuota = true
	}
	return r, nil
}

// parseParams splits esmtp-params: keyword ["=" value], space separated.
func parseParams(s string) ([]param, error) {
	var out []param
	for f := range strings.FieldsSeq(s) {
		k, v, hasValue := strings.Cut(f, "=")
		if !validKeyword(k) || (hasValue && !validValue(v)) {
			return nil, fail(501, "5.5.4", "Syntax error in parameters")
		}
		out = append(out, param{key: strings.ToUpper(k), value: v, hasValue: hasValue})
	}
	return out, nil
}

// validKeyword: esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-").
func validKeyword(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (i == 0 || c != '-') {
			return false
		}
	}
	return k != ""
}

// validValue: esmtp-value = 1*(%d33-60 / %d62-126).
func validValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 33 || c > 126 || c == '=' {
			return false
		}
	}
	return v != ""
}

// decodeXtext decodes RFC 3461 §4 xtext.
func decodeXtext(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			if i+2 >= len(s) {
				return "", false
			}
			n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil || strings.ToUpper(s[i+1:i+3]) != s[i+1:i+3] {
				return "", false
			}
			b.WriteByte(byte(n))
			i += 2
		case c < 33 || c > 126 || c == '=':
			return "", false
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// parseBdat parses "chunk-size [LAST]" (RFC 3030 §3).
func parseBdat(arg string) (size int64, last bool, ok bool) {
	num, rest, _ := strings.Cut(arg, " ")
	if num == "" || len(num) > 18 || strings.Trim(num, "0123456789") != "" {
		return 0, false, false
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return 0, false, false
	}
	switch strings.ToUpper(strings.TrimLeft(rest, " ")) {
	case "":
		return n, false, true
	case "LAST":
		return n, true, true
	}
	return 0, false, false
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

package mime

import (
	"sort"
	"strconv"
	"strings"
)

// param is one Content-Type or Content-Disposition parameter: the
// attribute lower-cased (RFC 2045 §5.1: attributes are case-insensitive),
// the value as written after RFC 2231 and RFC 2047 decoding.
type param struct {
	key, val string
}

// parseMediaValue splits a Content-Type or Content-Disposition value into
// its leading value ("text/plain", "attachment") and parameters. It is
// lenient: comments are skipped, unquoted values may hold spaces and
// tspecials up to the next ";" (broken boundaries like ----=_Part_1), and a
// parameter without "=" is ignored.
func parseMediaValue(s string) (value string, params []param) {
	s = stripComments(s)
	value, rest, _ := strings.Cut(s, ";")
	value = strings.TrimSpace(value)
	for rest != "" {
		var key, val string
		key, val, rest = nextParam(rest)
		if key != "" {
			params = append(params, param{strings.ToLower(key), val})
		}
	}
	return value, mergeRFC2231(params)
}

// nextParam parses `attr=value` at the start of s and returns what follows
// its terminating ";".
func nextParam(s string) (key, val, rest string) {
	s = strings.TrimLeft(s, " \t;")
	eq := strings.IndexAny(s, "=;")
	if eq < 0 || s[eq] == ';' {
		if eq < 0 {
			return "", "", ""
		}
		return "", "", s[eq+1:]
	}
	key = strings.TrimSpace(s[:eq])
	s = strings.TrimLeft(s[eq+1:], " \t")
	if strings.HasPrefix(s, `"`) {
		val, s = unquote(s)
		_, rest, _ = strings.Cut(s, ";")
		return key, val, rest
	}
	val, rest, _ = strings.Cut(s, ";")
	return key, strings.TrimSpace(val), rest
}

// unquote reads the quoted-string at the start of s (RFC 5322 §3.2.4) and
// returns its content and what follows; an unterminated string runs to
// the end.
func unquote(s string) (string, string) {
	var sb strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return sb.String(), s[i+1:]
		case '\\':
			if i+1 < len(s) {
				i++
				sb.WriteByte(s[i])
			}
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String(), ""
}

// stripComments removes RFC 5322 comments outside quoted strings, so
// "text/plain (body); charset=us-ascii" reads right.
func stripComments(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var sb strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && (quoted || depth > 0) && i+1 < len(s):
			if depth == 0 {
				sb.WriteByte(c)
				sb.WriteByte(s[i+1])
			}
			i++
			continue
		case quoted:
			quoted = c != '"'
		case c == '"' && depth == 0:
			quoted = true
		case c == '(':
			depth++
			continue
		case c == ')' && depth > 0:
			depth--
			continue
		}
		if depth == 0 {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// rfc2231Section is one "name*N" or "name*N*" piece of a split parameter.
type rfc2231Section struct {
	n       int
	encoded bool
	val     string
}

// mergeRFC2231 joins RFC 2231 continuations ("name*0", "name*1*") and
// decodes extended values ("name*=utf-8'en'%E2%82%AC") into plain "name"
// parameters in UTF-8. An RFC 2231 form wins over a plain parameter of the
// same name. Other parameters keep their order; the first of duplicates
// wins. Values are then RFC 2047-decoded: not allowed by the RFCs, but
// mailers write filename="=?utf-8?b?...?=" and clients expect it read.
func mergeRFC2231(ps []param) []param {
	var sections map[string][]rfc2231Section
	out := ps[:0:0]
	for _, p := range ps {
		base, sec, ok := splitRFC2231Key(p)
		if !ok {
			out = appendParam(out, p.key, DecodeHeader(p.val), false)
			continue
		}
		if sections == nil {
			sections = map[string][]rfc2231Section{}
		}
		if _, seen := sections[base]; !seen {
			out = appendParam(out, base, "", false) // holds the place in order
		}
		sections[base] = append(sections[base], sec)
	}
	for base, secs := range sections {
		out = appendParam(out, base, joinRFC2231(secs), true)
	}
	return out
}

// appendParam adds key=val unless key is present; replace lets an RFC 2231
// value fill its placeholder or override a plain value.
func appendParam(ps []param, key, val string, replace bool) []param {
	for i := range ps {
		if ps[i].key == key {
			if replace {
				ps[i].val = val
			}
			return ps
		}
	}
	return append(ps, param{key, val})
}

// splitRFC2231Key recognises "name*", "name*N" and "name*N*" (RFC 2231
// §3, §4).
func splitRFC2231Key(p param) (base string, sec rfc2231Section, ok bool) {
	star := strings.IndexByte(p.key, '*')
	if star <= 0 {
		return "", sec, false
	}
	base, suffix := p.key[:star], p.key[star+1:]
	sec.val = p.val
	if suffix == "" {
		sec.encoded = true
		return base, sec, true
	}
	if strings.HasSuffix(suffix, "*") {
		sec.encoded = true
		suffix = suffix[:len(suffix)-1]
	}
	n, err := strconv.Atoi(suffix)
	if err != nil || n < 0 || n > 999 {
		return "", sec, false
	}
	sec.n = n
	return base, sec, true
}

// joinRFC2231 concatenates the sections in order, percent-decoding the
// encoded ones; the first encoded section names the charset
// ("charset'language'text").
func joinRFC2231(secs []rfc2231Section) string {
	sort.SliceStable(secs, func(i, j int) bool { return secs[i].n < secs[j].n })
	charset := ""
	var buf []byte
	for i, s := range secs {
		v := s.val
		if s.encoded {
			if i == 0 {
				if cs, rest, ok := strings.Cut(v, "'"); ok {
					if _, text, ok := strings.Cut(rest, "'"); ok {
						charset, v = cs, text
					}
				}
			}
			buf = appendPercentDecoded(buf, v)
		} else {
			buf = append(buf, v...)
		}
	}
	if charset == "" {
		return bestEffortUTF8(buf)
	}
	out, _ := toUTF8(charset, buf)
	return out
}

// appendPercentDecoded decodes RFC 2231 §4 "%XX" escapes; a stray "%" is
// kept.
func appendPercentDecoded(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			buf = append(buf, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		buf = append(buf, s[i])
	}
	return buf
}

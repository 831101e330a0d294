package server

import "strings"

// listPattern turns LIST's reference and pattern (wire form) into one
// store-form pattern, RFC 9051 §6.3.9: the pattern is appended to the
// reference; INBOX is matched case-insensitively.
func (s *Session) listPattern(ref, pat []byte) (string, bool) {
	full := string(ref) + string(pat)
	if !s.utf8Names() {
		dec, err := decodeUTF7Pattern(full)
		if err != nil {
			return "", false
		}
		full = dec
	}
	if sep := s.sep(); sep != '/' {
		full = strings.ReplaceAll(full, string(sep), "/")
	}
	if len(full) >= 5 && strings.EqualFold(full[:5], "INBOX") && (len(full) == 5 || full[5] == '/') {
		full = "INBOX" + full[5:]
	}
	return full, true
}

// decodeUTF7Pattern decodes a modified UTF-7 pattern; the wildcards are
// printable ASCII and pass through.
func decodeUTF7Pattern(p string) (string, error) {
	if !strings.Contains(p, "&") {
		return p, nil
	}
	return decodeUTF7(p)
}

// matchPattern reports whether name matches pattern, where '*' matches
// any run of characters and '%' any run without the separator '/'
// (RFC 9051 §6.3.9). Dynamic programming keeps it linear in
// len(name)×len(pattern) whatever the number of wildcards.
func matchPattern(pattern, name string) bool {
	prev := make([]bool, len(name)+1)
	cur := make([]bool, len(name)+1)
	prev[0] = true
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		cur[0] = prev[0] && (c == '*' || c == '%')
		for j := 1; j <= len(name); j++ {
			switch c {
			case '*':
				cur[j] = prev[j] || cur[j-1]
			case '%':
				cur[j] = prev[j] || (cur[j-1] && name[j-1] != '/')
			default:
				cur[j] = prev[j-1] && name[j-1] == c
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(name)]
}

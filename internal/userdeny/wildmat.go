package userdeny

import "strings"

// Wildmat matches s against a comma-separated list of patterns, as
// Cyrus's cyr_deny -s and INN's wildmat lists: each pattern may start
// with '!' to exclude, and the last pattern that matches decides. Within
// a pattern '*' matches any run, '?' one byte, [set] one byte of the set
// (ranges a-z, '^' or '!' first to negate) and '\' quotes the next byte.
// An empty list matches nothing.
func Wildmat(list, s string) bool {
	match := false
	for _, p := range splitList(list) {
		neg := strings.HasPrefix(p, "!")
		if neg {
			p = p[1:]
		}
		if glob(p, s) {
			match = !neg
		}
	}
	return match
}

// splitList splits at commas not quoted by '\'.
func splitList(list string) []string {
	if list == "" {
		return nil
	}
	var out []string
	start := 0
	for i := 0; i < len(list); i++ {
		switch list[i] {
		case '\\':
			i++
		case ',':
			out = append(out, list[start:i])
			start = i + 1
		}
	}
	return append(out, list[start:])
}

// glob matches one pattern; '*' backtracks only to the last star, which
// keeps it linear in practice.
func glob(p, s string) bool {
	star, mark := -1, 0
	i, j := 0, 0
	for j < len(s) {
		if i < len(p) && p[i] == '*' {
			star, mark = i, j
			i++
			continue
		}
		if n, ok := one(p[i:], s[j]); ok {
			i, j = i+n, j+1
			continue
		}
		if star < 0 {
			return false
		}
		mark++
		i, j = star+1, mark
	}
	for i < len(p) && p[i] == '*' {
		i++
	}
	return i == len(p)
}

// one matches the pattern element at the start of p against c and
// returns its length.
func one(p string, c byte) (int, bool) {
	if p == "" {
		return 0, false
	}
	switch p[0] {
	case '?':
		return 1, true
	case '\\':
		if len(p) < 2 {
			return 1, c == '\\'
		}
		return 2, p[1] == c
	case '[':
		return class(p, c)
	}
	return 1, p[0] == c
}

// class matches a [set]; an unclosed '[' is a literal.
func class(p string, c byte) (int, bool) {
	i := 1
	neg := i < len(p) && (p[i] == '^' || p[i] == '!')
	if neg {
		i++
	}
	in := false
	for first := true; i < len(p); first = false {
		if p[i] == ']' && !first {
			return i + 1, in != neg
		}
		lo := p[i]
		if lo == '\\' && i+1 < len(p) {
			i++
			lo = p[i]
		}
		hi := lo
		if i+2 < len(p) && p[i+1] == '-' && p[i+2] != ']' {
			hi = p[i+2]
			i += 2
		}
		if lo <= c && c <= hi {
			in = true
		}
		i++
	}
	return 1, c == '['
}

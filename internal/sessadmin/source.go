package sessadmin

import (
	"slices"
	"strings"
)

// srcLine is one "key: value" line of imapd.conf or a file it includes.
type srcLine struct {
	file       string
	line       int
	key, value string
}

// sourceLines lists the key: value lines of every file read, the main
// file first, the others by name, each in line order. The parser has
// already reported what is wrong with them; this only finds keys and
// values the way it does: a line starting with '#' is a comment, the key
// ends at the first colon, blanks around both are dropped.
func sourceLines(l *loaded) []srcLine {
	files := l.srcs.Files()
	names := make([]string, 0, len(files))
	for n := range files {
		if n != l.cfg.Path() {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	if _, ok := files[l.cfg.Path()]; ok {
		names = append([]string{l.cfg.Path()}, names...)
	}
	var out []srcLine
	for _, n := range names {
		out = append(out, parseLines(n, string(files[n].Bytes))...)
	}
	return out
}

// parseLines finds the key: value lines of one file.
func parseLines(file, src string) []srcLine {
	var out []srcLine
	for i, t := range strings.Split(src, "\n") {
		t = strings.TrimRight(t, "\r")
		s := strings.TrimLeft(t, " \t")
		if s == "" || s[0] == '#' {
			continue
		}
		k, v, ok := strings.Cut(s, ":")
		k, v = strings.TrimRight(k, " \t"), strings.Trim(v, " \t")
		if !ok || k == "" || v == "" {
			continue
		}
		out = append(out, srcLine{file: file, line: i + 1, key: strings.ToLower(k), value: v})
	}
	return out
}

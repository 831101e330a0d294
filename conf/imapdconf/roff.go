package imapdconf

import "strings"

// roffText escapes s for use inside a roff text line: a backslash becomes
// \e, and a leading . or ' (which would start a request) is guarded by \&.
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffLiteral escapes a name or value typed by the user: like roffText,
// and each - becomes \- so it prints as the ASCII hyphen-minus that must
// be typed.
func roffLiteral(s string) string {
	return strings.ReplaceAll(roffText(s), "-", `\-`)
}

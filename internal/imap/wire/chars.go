package wire

// Character classes of RFC 9051 §9.

// isAtomChar: ATOM-CHAR = <any CHAR except atom-specials>, where
// atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards /
// quoted-specials / resp-specials.
func isAtomChar(c byte) bool {
	if c <= 0x1f || c >= 0x7f {
		return false
	}
	switch c {
	case '(', ')', '{', ' ', '%', '*', '"', '\\', ']':
		return false
	}
	return true
}

// isAstringChar: ASTRING-CHAR = ATOM-CHAR / resp-specials.
func isAstringChar(c byte) bool { return isAtomChar(c) || c == ']' }

// isListChar: list-char = ATOM-CHAR / list-wildcards / resp-specials.
func isListChar(c byte) bool { return isAstringChar(c) || c == '%' || c == '*' }

// isTagChar: tag = 1*<any ASTRING-CHAR except "+">.
func isTagChar(c byte) bool { return isAstringChar(c) && c != '+' }

// isQuotedChar: QUOTED-CHAR = <any TEXT-CHAR except quoted-specials>, with
// 8-bit octets allowed as RFC 9051 and RFC 6855 allow UTF-8 there; the
// engine checks UTF-8 validity where it matters.
func isQuotedChar(c byte) bool {
	return c != 0 && c != '\r' && c != '\n' && c != '"' && c != '\\'
}

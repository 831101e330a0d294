package mime

import "strings"

// tokKind classifies the lexical tokens of an RFC 5322 structured field.
type tokKind uint8

const (
	tAtom      tokKind = iota // atom or dot-atom; text as written
	tQuoted                   // quoted-string; text without quotes and escapes
	tComment                  // comment; text without parentheses
	tSpecial                  // one of < > @ , ; :
	tDomainLit                // domain literal; text with its brackets
)

// token is one lexical token of a structured field.
type token struct {
	kind    tokKind
	special byte
	text    string
}

func (t token) is(special byte) bool { return t.kind == tSpecial && t.special == special }

// tokenize splits a structured field body (RFC 5322 §3.2) into tokens.
// Whitespace separates tokens and is dropped; dots stay inside atoms, which
// covers dot-atoms and the obsolete phrase "John Q. Public"; unterminated
// quotes, comments and literals run to the end.
func tokenize(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n', c == ')', c == ']':
			i++ // whitespace, or a stray closing bracket: noise
		case c == '"':
			text, rest := unquote(s[i:])
			toks = append(toks, token{kind: tQuoted, text: text})
			i = len(s) - len(rest)
		case c == '(':
			text, n := readComment(s[i:])
			toks = append(toks, token{kind: tComment, text: text})
			i += n
		case c == '[':
			n := strings.IndexByte(s[i:], ']') + 1
			if n == 0 {
				n = len(s) - i
			}
			toks = append(toks, token{kind: tDomainLit, text: s[i : i+n]})
			i += n
		case strings.IndexByte("<>@,;:", c) >= 0:
			toks = append(toks, token{kind: tSpecial, special: c})
			i++
		default:
			j := i
			for j < len(s) && !isAtomDelim(s[j]) {
				j++
			}
			toks = append(toks, token{kind: tAtom, text: s[i:j]})
			i = j
		}
	}
	return toks
}

func isAtomDelim(c byte) bool {
	return strings.IndexByte(" \t\r\n\"()[]<>@,;:", c) >= 0
}

// readComment reads the (possibly nested) comment at the start of s and
// returns its text and length.
func readComment(s string) (string, int) {
	var sb strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 < len(s) {
				i++
				sb.WriteByte(s[i])
			}
		case '(':
			if depth > 0 {
				sb.WriteByte(c)
			}
			depth++
		case ')':
			depth--
			if depth == 0 {
				return strings.TrimSpace(sb.String()), i + 1
			}
			sb.WriteByte(c)
		default:
			sb.WriteByte(c)
		}
	}
	return strings.TrimSpace(sb.String()), len(s)
}

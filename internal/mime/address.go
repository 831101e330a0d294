package mime

import (
	"strings"

	"github.com/emersion/go-imap/v2"
)

// MissingHost is the host given to an address written without a domain
// ("undisclosed-recipients" without the group colon, a bare local name):
// IMAP reads a NIL host as a group marker (RFC 9051 §7.5.2), so the
// address needs some host.
const MissingHost = "unspecified-domain"

// parseAddressList reads an RFC 5322 §3.4 address-list into ENVELOPE
// addresses (RFC 9051 §7.5.2): display names as written (quotes removed,
// words joined by single spaces, encoded-words left encoded, as Cyrus sends
// them), a group as a start marker (Mailbox = group name, no Host), its members, and an end
// marker (all empty). Obsolete routes are dropped; a comment serves as the
// name of an address that has none ("user@host (Real Name)"). It never
// fails: what cannot be read as an address is skipped.
func parseAddressList(s string) []imap.Address {
	a := addrParser{toks: tokenize(s)}
	for a.i < len(a.toks) {
		a.item()
	}
	if a.groupOpen {
		a.out = append(a.out, imap.Address{})
	}
	return a.out
}

// addrParser holds the state of parseAddressList.
type addrParser struct {
	toks      []token
	i         int
	out       []imap.Address
	inGroup   bool
	groupOpen bool // a start marker was written and wants its end marker
}

// item reads words up to the next structural special and acts on it.
func (a *addrParser) item() {
	var phrase []token
	comment := ""
	glue := false
	j := a.i
	for ; j < len(a.toks); j++ {
		t := a.toks[j]
		if t.kind == tSpecial && !(t.special == '@' && a.angleAhead(j)) {
			break
		}
		if t.kind == tComment {
			if comment == "" {
				comment = t.text
			}
			continue
		}
		if t.kind == tSpecial || glue {
			// An "@" in an unquoted name: keep "a@b" one word.
			glue = t.kind == tSpecial
			if n := len(phrase); n > 0 {
				phrase[n-1].text += tokenText(t)
				continue
			}
			t = token{kind: tAtom, text: tokenText(t)}
		}
		phrase = append(phrase, t)
	}
	if j == len(a.toks) {
		a.bare(phrase, comment)
		a.i = j
		return
	}
	a.i = j + 1
	switch a.toks[j].special {
	case '<':
		addr := a.angleAddr()
		if len(phrase) > 0 {
			addr.Name = phraseText(phrase)
		}
		if addr.Mailbox != "" || addr.Host != "" {
			a.out = append(a.out, addr)
		}
		a.skipToSeparator()
	case '@':
		a.addrSpec(phrase)
	case ':':
		a.groupStart(phrase)
	case ';':
		a.bare(phrase, comment)
		a.groupEnd()
	default: // ',' or a stray '>'
		a.bare(phrase, comment)
	}
}

// angleAhead reports whether a "<" comes before the next "," or ";": then
// an "@" at j belongs to an unquoted display name ("a@b <a@b>").
func (a *addrParser) angleAhead(j int) bool {
	for ; j < len(a.toks); j++ {
		if t := a.toks[j]; t.kind == tSpecial {
			switch t.special {
			case '<':
				return true
			case ',', ';':
				return false
			}
		}
	}
	return false
}

func (a *addrParser) groupStart(phrase []token) {
	if a.inGroup {
		return // a second colon inside a group is noise
	}
	a.inGroup = true
	if name := phraseText(phrase); name != "" {
		a.out = append(a.out, imap.Address{Mailbox: name})
		a.groupOpen = true
	}
}

func (a *addrParser) groupEnd() {
	if a.groupOpen {
		a.out = append(a.out, imap.Address{})
	}
	a.inGroup, a.groupOpen = false, false
}

// bare handles words followed by no "@" or "<": a local name without a
// domain, kept with MissingHost so it is not taken for a group marker.
func (a *addrParser) bare(phrase []token, comment string) {
	if len(phrase) == 0 {
		return
	}
	addr := imap.Address{Mailbox: localPart(phrase), Host: MissingHost}
	if comment != "" {
		addr.Name = comment
	}
	a.out = append(a.out, addr)
}

// addrSpec reads the domain after "@"; phrase was the local part.
func (a *addrParser) addrSpec(phrase []token) {
	addr := imap.Address{Mailbox: localPart(phrase), Host: a.domain()}
	if addr.Host == "" {
		addr.Host = MissingHost
	}
	if a.i < len(a.toks) && a.toks[a.i].kind == tComment {
		addr.Name = a.toks[a.i].text
		a.i++
	}
	a.out = append(a.out, addr)
}

// angleAddr reads the inside of "<...>" after the "<": an optional
// obsolete route ("@a,@b:"), a local part, "@", a domain.
func (a *addrParser) angleAddr() imap.Address {
	if a.i < len(a.toks) && a.toks[a.i].is('@') {
		for a.i < len(a.toks) && !a.toks[a.i].is(':') && !a.toks[a.i].is('>') {
			a.i++
		}
		if a.i < len(a.toks) && a.toks[a.i].is(':') {
			a.i++
		}
	}
	var local []token
	for ; a.i < len(a.toks) && a.toks[a.i].kind != tSpecial; a.i++ {
		if a.toks[a.i].kind != tComment {
			local = append(local, a.toks[a.i])
		}
	}
	addr := imap.Address{Mailbox: localPart(local)}
	if a.i < len(a.toks) && a.toks[a.i].is('@') {
		a.i++
		addr.Host = a.domain()
	}
	if addr.Mailbox != "" && addr.Host == "" {
		addr.Host = MissingHost
	}
	return addr
}

// domain reads a dot-atom or domain literal, allowing the obsolete
// whitespace around dots.
func (a *addrParser) domain() string {
	var sb strings.Builder
	for ; a.i < len(a.toks); a.i++ {
		t := a.toks[a.i]
		if t.kind == tComment {
			if sb.Len() > 0 {
				break // a trailing comment: the name, for addrSpec
			}
			continue
		}
		if t.kind == tSpecial {
			break
		}
		s := sb.String()
		if s != "" && !strings.HasSuffix(s, ".") && !strings.HasPrefix(t.text, ".") {
			break // "a@b c@d": the next word starts another address
		}
		sb.WriteString(t.text)
	}
	return sb.String()
}

// skipToSeparator skips what follows an address up to and including the
// next ","; a ";" is left for item to close the group.
func (a *addrParser) skipToSeparator() {
	for ; a.i < len(a.toks); a.i++ {
		if a.toks[a.i].is(',') {
			a.i++
			return
		}
		if a.toks[a.i].is(';') {
			return
		}
	}
}

// localPart joins the words of a local part; a quoted word stays quoted so
// the address remains valid.
func localPart(ws []token) string {
	var sb strings.Builder
	for _, w := range ws {
		if w.kind == tQuoted {
			sb.WriteString(quote(w.text))
		} else {
			sb.WriteString(w.text)
		}
	}
	return sb.String()
}

// phraseText joins the words of a display name with single spaces, as
// written: DecodeHeader of it is the decoded name.
func phraseText(ws []token) string {
	parts := make([]string, 0, len(ws))
	for _, w := range ws {
		parts = append(parts, w.text)
	}
	return strings.Join(parts, " ")
}

// quote writes s as an RFC 5322 quoted-string.
func quote(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			sb.WriteByte('\\')
		}
		sb.WriteByte(s[i])
	}
	sb.WriteByte('"')
	return sb.String()
}

// tokenText is a token's text, or its character for a special.
func tokenText(t token) string {
	if t.kind == tSpecial {
		return string(t.special)
	}
	return t.text
}

package wire

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// CatPart is one cat-part of a CATENATE append (RFC 4469 §5): a TEXT
// literal, or a URL naming (part of) a message already on the server.
type CatPart struct {
	// IsURL tells a URL part from a TEXT part.
	IsURL bool
	// URL is a URL part's text when it came as an atom, a quoted string
	// or an in-memory literal.
	URL []byte
	// Literal is a TEXT part's octets, or a URL the Literal hook streamed
	// (then URL is nil and the caller reads it where the hook put it).
	Literal *Literal
	Index   int // Literal's position among the command's literals
}

// catenate reads "CATENATE" SP "(" cat-part *(SP cat-part) ")", the
// append-data of RFC 4469 §5, once "CATENATE" has been consumed.
func (d *Decoder) catenate(m *AppendMessage) error {
	if err := d.SP(); err != nil {
		return err
	}
	return d.ParenList(false, func() error {
		p, err := d.catPart()
		if err != nil {
			return err
		}
		m.Catenate = append(m.Catenate, *p)
		return nil
	})
}

// catPart reads text-literal = "TEXT" SP literal, or url = "URL" SP
// astring. A TEXT literal may be a literal8, as the message of a plain
// APPEND may (RFC 3516); checkAppended then holds it to the same rules.
func (d *Decoder) catPart() (*CatPart, error) {
	switch {
	case d.ConsumeFold("TEXT"):
		if err := d.SP(); err != nil {
			return nil, err
		}
		p := &CatPart{Index: d.lit}
		lit, err := d.Literal(true)
		if err != nil {
			return nil, err
		}
		p.Literal = lit
		return p, nil
	case d.ConsumeFold("URL"):
		if err := d.SP(); err != nil {
			return nil, err
		}
		return d.catURL()
	}
	return nil, d.errorf("expected TEXT or URL in CATENATE")
}

// catURL reads the URL's astring. A literal the hook streamed (APPEND's
// literals all go to spool files) is handed back as such.
func (d *Decoder) catURL() (*CatPart, error) {
	p := &CatPart{IsURL: true, Index: d.lit}
	if d.Peek() != '{' {
		u, err := d.AstringBytes()
		if err != nil {
			return nil, err
		}
		p.URL = u
		return p, nil
	}
	lit, err := d.Literal(false)
	if err != nil {
		return nil, err
	}
	if !lit.Streamed {
		if bytes.IndexByte(lit.Data, 0) >= 0 {
			return nil, d.errorf("NUL in literal")
		}
		p.URL = bytes.Clone(lit.Data)
		return p, nil
	}
	p.Literal = lit
	return p, nil
}

// ParseSection parses a section-spec outside a command, as an IMAP URL
// carries it in ";SECTION=" (RFC 5092 §6: enc-section, once percent-
// decoded, is a section-spec of RFC 3501 §9). The empty spec is the
// whole message.
func ParseSection(spec []byte) (*imap.FetchItemBodySection, error) {
	text := make([]byte, 0, len(spec)+2)
	text = append(append(append(text, '['), spec...), ']')
	d := &Decoder{cmd: &Command{}, text: text}
	sec := &imap.FetchItemBodySection{}
	if err := d.section(sec); err != nil {
		return nil, err
	}
	if err := d.End(); err != nil {
		return nil, err
	}
	return sec, nil
}

// CodeNameBadURL is RFC 4469's BADURL response code.
const CodeNameBadURL imap.ResponseCode = "BADURL"

// BadURLCode is [BADURL url] (RFC 4469 §5, url-resp-text as corrected by
// erratum 4046: the URL bare, not quoted). Octets url-resp-text cannot
// carry ("]", controls, 8-bit) are percent-encoded, which keeps it a URL.
func BadURLCode(url string) Code {
	var b strings.Builder
	for i := 0; i < len(url); i++ {
		c := url[i]
		if c == ']' || c <= ' ' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return Code{CodeNameBadURL, " " + b.String()}
}

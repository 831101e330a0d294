package server

import (
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/mmap"
)

func init() {
	register(func(r *registry) { r.capPost("CATENATE") })
}

// maxURLLen bounds a URL sent as a literal, which APPEND's literal hook
// spools like message text; real URLs are far shorter.
const maxURLLen = 8 << 10

// appendData returns one APPEND message's octets and whether they may
// hold binary content: the literal's, or for CATENATE (RFC 4469) the
// assembled message. mapped, if not nil, is for the caller to close once
// the store has the message.
func (s *Session) appendData(m *wire.AppendMessage) (raw []byte, mapped *mmap.File, binary bool, err error) {
	if m.Catenate == nil {
		raw, mapped, err = s.literalBytes(m.Literal, m.Index)
		return raw, mapped, m.Literal.Binary, err
	}
	return s.catenate(m.Catenate)
}

// catenate assembles a CATENATE message from its parts in order (RFC
// 4469 §3). The first URL that does not resolve fails the whole APPEND
// with NO [BADURL]; a result over maxmessagesize is NO [TOOBIG].
func (s *Session) catenate(parts []wire.CatPart) ([]byte, *mmap.File, bool, error) {
	out := &catBuffer{limit: s.appendLimit(), spool: s.catSpool}
	binary := false
	for _, p := range parts {
		var err error
		if p.IsURL {
			err = s.catURL(out, p)
		} else {
			binary = binary || p.Literal.Binary
			err = s.catText(out, p)
		}
		if err != nil {
			out.discard()
			return nil, nil, false, err
		}
	}
	raw, mapped, err := out.finish()
	return raw, mapped, binary, err
}

// catText adds a TEXT part's literal.
func (s *Session) catText(out *catBuffer, p wire.CatPart) error {
	raw, mapped, err := s.literalBytes(p.Literal, p.Index)
	defer mapped.Close()
	if err != nil {
		return err
	}
	return out.write(raw)
}

// catURL resolves a URL part and adds the octets it names.
func (s *Session) catURL(out *catBuffer, p wire.CatPart) error {
	text, err := s.catURLText(p)
	if err != nil {
		return err
	}
	u, err := parseIMAPURL(text)
	if err != nil {
		return bad(fmt.Sprintf("Invalid URL in CATENATE: %s", err))
	}
	err = s.urlData(u, out.write)
	if errors.Is(err, errBadURL) {
		return &result{imap.StatusResponseTypeNo, wire.BadURLCode(text), "CATENATE URL cannot be resolved"}
	}
	return err
}

// catURLText is the URL's text, read back from its spool file when the
// literal hook streamed it there.
func (s *Session) catURLText(p wire.CatPart) (string, error) {
	if p.Literal == nil {
		return string(p.URL), nil
	}
	if p.Literal.Size > maxURLLen {
		return "", bad("URL too long")
	}
	if p.Index >= len(s.spool) {
		return "", fmt.Errorf("catenate: no spool file for literal %d", p.Index)
	}
	buf := make([]byte, p.Literal.Size)
	if _, err := s.spool[p.Index].ReadAt(buf, 0); err != nil && len(buf) > 0 {
		return "", fmt.Errorf("catenate: read URL: %w", err)
	}
	return string(buf), nil
}

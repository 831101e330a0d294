package mime

import (
	"math"

	"github.com/emersion/go-imap/v2"
)

// BodyStructure returns the message's BODY (extended false) or
// BODYSTRUCTURE (extended true) per RFC 9051 §7.5.2 in go-imap's types.
//
// Conventions: type, subtype, encoding, parameter and disposition names
// are lower case; parameter values are RFC 2231- and RFC 2047-decoded
// UTF-8. A part without Content-Type is text/plain with charset us-ascii
// (message/rfc822 inside multipart/digest); Encoding is "7bit" when
// absent. Sizes are octets of the body as stored; line counts are given
// for text/* and message/rfc822 parts. With extended, every part carries a
// non-nil Extended. go-imap's types have no field for body MD5: see
// ContentMD5.
func (s *Structure) BodyStructure(extended bool) imap.BodyStructure {
	return s.root.bodyStructure(extended)
}

// bodyStructure renders e as a body part.
func (e *entity) bodyStructure(extended bool) imap.BodyStructure {
	if e.isMultipart() {
		return e.multiPart(extended)
	}
	bs := &imap.BodyStructureSinglePart{
		Type:        e.typ,
		Subtype:     e.sub,
		Params:      paramMap(e.params),
		ID:          e.id,
		Description: e.desc,
		Encoding:    e.enc,
		Size:        clampUint32(e.bodySize()),
	}
	if bs.Encoding == "" {
		bs.Encoding = "7bit"
	}
	switch {
	case e.isMessage():
		msg := e.children[0]
		bs.MessageRFC822 = &imap.BodyStructureMessageRFC822{
			Envelope:      msg.env.imap(),
			BodyStructure: msg.bodyStructure(extended),
			NumLines:      e.lines,
		}
	case e.typ == "text":
		bs.Text = &imap.BodyStructureText{NumLines: e.lines}
	}
	if extended {
		bs.Extended = &imap.BodyStructureSinglePartExt{
			Disposition: e.disposition(),
			Language:    cloneStrings(e.lang),
			Location:    e.loc,
		}
	}
	return bs
}

func (e *entity) multiPart(extended bool) *imap.BodyStructureMultiPart {
	bs := &imap.BodyStructureMultiPart{
		Children: make([]imap.BodyStructure, len(e.children)),
		Subtype:  e.sub,
	}
	for i, c := range e.children {
		bs.Children[i] = c.bodyStructure(extended)
	}
	if extended {
		bs.Extended = &imap.BodyStructureMultiPartExt{
			Params:      paramMap(e.params),
			Disposition: e.disposition(),
			Language:    cloneStrings(e.lang),
			Location:    e.loc,
		}
	}
	return bs
}

func (e *entity) disposition() *imap.BodyStructureDisposition {
	if e.disp == "" {
		return nil
	}
	return &imap.BodyStructureDisposition{Value: e.disp, Params: paramMap(e.dparams)}
}

// paramMap converts parameters to go-imap's map; nil when there are none
// (sent as NIL).
func paramMap(ps []param) map[string]string {
	if len(ps) == 0 {
		return nil
	}
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		if _, dup := m[p.key]; !dup {
			m[p.key] = p.val
		}
	}
	return m
}

func clampUint32(n int64) uint32 {
	if n > math.MaxUint32 {
		return math.MaxUint32
	}
	return uint32(n)
}

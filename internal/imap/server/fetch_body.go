package server

import (
	"errors"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/mime"
)

// sections computes the body items of a FETCH (BODY[], BINARY[],
// BINARY.SIZE[], RFC822*) and returns writers for them.
func (f *fetchMsg) sections(p *wire.Fetch) ([]func(w *wire.FetchWriter), error) {
	if needsStructure(p) {
		if _, err := f.structure(); err != nil {
			return nil, err
		}
	}
	var out []func(w *wire.FetchWriter)
	o := p.Options
	for _, sec := range o.BodySection {
		sec := sec
		raw, err := f.bytes()
		if err != nil {
			return nil, err
		}
		data, err := f.st.Section(raw, sec)
		if err != nil {
			data = nil // RFC 9051 §6.4.5: a missing part is NIL/empty
		}
		if data == nil {
			data = []byte{}
		}
		out = append(out, func(w *wire.FetchWriter) { w.BodySection(sec, data) })
	}
	for _, sec := range o.BinarySection {
		sec := sec
		data, err := f.binary(sec.Part)
		if err != nil {
			return nil, err
		}
		data = mime.ApplyPartial(data, sec.Partial)
		out = append(out, func(w *wire.FetchWriter) { w.Binary(sec, data) })
	}
	for _, sz := range o.BinarySectionSize {
		part := sz.Part
		data, err := f.binary(part)
		if err != nil {
			return nil, err
		}
		n := int64(len(data))
		out = append(out, func(w *wire.FetchWriter) { w.BinarySize(part, n) })
	}
	return f.rfc822(p, out)
}

// binary decodes a part for BINARY; an unknown transfer encoding is
// NO [UNKNOWN-CTE] (RFC 3516 §4.3).
func (f *fetchMsg) binary(part []int) ([]byte, error) {
	raw, err := f.bytes()
	if err != nil {
		return nil, err
	}
	data, err := f.st.Binary(raw, part)
	if errors.Is(err, mime.ErrUnknownCTE) {
		return nil, no(imap.ResponseCodeUnknownCTE, "Unknown Content-Transfer-Encoding")
	}
	if err != nil {
		return []byte{}, nil
	}
	return data, nil
}

// rfc822 adds RFC 3501's RFC822, RFC822.HEADER and RFC822.TEXT items.
func (f *fetchMsg) rfc822(p *wire.Fetch, out []func(w *wire.FetchWriter)) ([]func(w *wire.FetchWriter), error) {
	if !p.RFC822 && !p.RFC822Header && !p.RFC822Text {
		return out, nil
	}
	raw, err := f.bytes()
	if err != nil {
		return nil, err
	}
	if p.RFC822Header {
		h, _ := f.st.Section(raw, &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader})
		out = append(out, func(w *wire.FetchWriter) { w.RFC822("RFC822.HEADER", h) })
	}
	if p.RFC822Text {
		t, _ := f.st.Section(raw, &imap.FetchItemBodySection{Specifier: imap.PartSpecifierText})
		out = append(out, func(w *wire.FetchWriter) { w.RFC822("RFC822.TEXT", t) })
	}
	if p.RFC822 {
		out = append(out, func(w *wire.FetchWriter) { w.RFC822("RFC822", raw) })
	}
	return out, nil
}

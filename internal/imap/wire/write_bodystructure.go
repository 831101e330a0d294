package wire

import (
	"sort"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// placeholderPart stands in where a body structure is missing, so the
// response stays within the grammar.
var placeholderPart = &imap.BodyStructureSinglePart{Type: "text", Subtype: "plain", Encoding: "7bit"}

// bodyStructure appends body (RFC 9051 §9); extended adds the extension
// data of BODYSTRUCTURE, which BODY must not carry.
func (w *Writer) bodyStructure(bs imap.BodyStructure, extended bool) {
	switch b := bs.(type) {
	case *imap.BodyStructureMultiPart:
		if b != nil {
			w.multiPart(b, extended)
			return
		}
	case *imap.BodyStructureSinglePart:
		if b != nil {
			w.singlePart(b, extended)
			return
		}
	}
	w.singlePart(placeholderPart, extended)
}

// multiPart appends "(" 1*body SP subtype [SP body-ext-mpart] ")".
func (w *Writer) multiPart(b *imap.BodyStructureMultiPart, extended bool) {
	w.Raw("(")
	if len(b.Children) == 0 {
		w.singlePart(placeholderPart, extended)
	}
	for _, c := range b.Children {
		w.bodyStructure(c, extended)
	}
	w.SP()
	w.Str(strings.ToUpper(b.Subtype))
	if extended {
		ext := b.Extended
		if ext == nil {
			ext = &imap.BodyStructureMultiPartExt{}
		}
		w.SP()
		w.params(ext.Params)
		w.extTail(ext.Disposition, ext.Language, ext.Location)
	}
	w.Raw(")")
}

// singlePart appends "(" type SP subtype SP body-fields [SP lines |
// SP envelope SP body SP lines] [SP body-ext-1part] ")".
func (w *Writer) singlePart(b *imap.BodyStructureSinglePart, extended bool) {
	w.Raw("(")
	w.Str(strings.ToUpper(b.Type))
	w.SP()
	w.Str(strings.ToUpper(b.Subtype))
	w.SP()
	w.params(b.Params)
	w.SP()
	w.NStr(b.ID)
	w.SP()
	w.NStr(b.Description)
	w.SP()
	enc := b.Encoding
	if enc == "" {
		enc = "7BIT"
	}
	w.Str(strings.ToUpper(enc))
	w.SP()
	w.Number(uint64(b.Size))
	switch {
	case b.MessageRFC822 != nil:
		m := b.MessageRFC822
		w.SP()
		w.envelope(m.Envelope, "")
		w.SP()
		w.bodyStructure(m.BodyStructure, extended)
		w.SP()
		w.Number(uint64(max(m.NumLines, 0)))
	case strings.EqualFold(b.Type, "text"):
		var lines int64
		if b.Text != nil {
			lines = b.Text.NumLines
		}
		w.SP()
		w.Number(uint64(max(lines, 0)))
	}
	if extended {
		ext := b.Extended
		if ext == nil {
			ext = &imap.BodyStructureSinglePartExt{}
		}
		w.Raw(" NIL") // body-fld-md5: Content-MD5 is not kept
		w.extTail(ext.Disposition, ext.Language, ext.Location)
	}
	w.Raw(")")
}

// extTail appends SP body-fld-dsp SP body-fld-lang SP body-fld-loc.
func (w *Writer) extTail(dsp *imap.BodyStructureDisposition, lang []string, loc string) {
	w.SP()
	if dsp == nil || dsp.Value == "" {
		w.NIL()
	} else {
		w.Raw("(")
		w.Str(strings.ToUpper(dsp.Value))
		w.SP()
		w.params(dsp.Params)
		w.Raw(")")
	}
	w.SP()
	switch len(lang) {
	case 0:
		w.NIL()
	case 1:
		w.Str(lang[0])
	default:
		w.Raw("(")
		for i, l := range lang {
			if i > 0 {
				w.SP()
			}
			w.Str(l)
		}
		w.Raw(")")
	}
	w.SP()
	w.NStr(loc)
}

// params appends body-fld-param: "(" key SP value ... ")" or NIL, keys
// upper-cased and sorted so the output is stable.
func (w *Writer) params(p map[string]string) {
	if len(p) == 0 {
		w.NIL()
		return
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	w.Raw("(")
	for i, k := range keys {
		if i > 0 {
			w.SP()
		}
		w.Str(strings.ToUpper(k))
		w.SP()
		w.Str(p[k])
	}
	w.Raw(")")
}

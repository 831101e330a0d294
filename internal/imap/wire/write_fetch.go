package wire

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// FetchWriter writes one "* n FETCH (...)" response item by item.
type FetchWriter struct {
	w     *Writer
	items int
}

// Fetch starts "* seq FETCH (". Write the items, then Close.
func (w *Writer) Fetch(seq uint32) *FetchWriter {
	w.untagged()
	w.Number(uint64(seq))
	w.Raw(" FETCH (")
	return &FetchWriter{w: w}
}

// Close ends the response: ")" CRLF.
func (f *FetchWriter) Close() {
	f.w.Raw(")")
	f.w.CRLF()
}

// item starts the next item: SP if needed, then its name and SP.
func (f *FetchWriter) item(name string) {
	if f.items > 0 {
		f.w.SP()
	}
	f.items++
	f.w.Raw(name)
	f.w.SP()
}

// UID writes "UID n".
func (f *FetchWriter) UID(uid imap.UID) {
	f.item("UID")
	f.w.Number(uint64(uid))
}

// Flags writes "FLAGS (...)".
func (f *FetchWriter) Flags(flags []imap.Flag) {
	f.item("FLAGS")
	f.w.FlagList(flags)
}

// InternalDate writes INTERNALDATE "dd-Mon-yyyy hh:mm:ss +zzzz".
func (f *FetchWriter) InternalDate(t time.Time) {
	f.item("INTERNALDATE")
	f.w.dateTime(t)
}

// RFC822Size writes "RFC822.SIZE n".
func (f *FetchWriter) RFC822Size(n int64) {
	f.item("RFC822.SIZE")
	f.w.Number(uint64(max(n, 0)))
}

// ModSeq writes "MODSEQ (n)" (RFC 7162 §3.1.4.1).
func (f *FetchWriter) ModSeq(m uint64) {
	f.item("MODSEQ")
	f.w.Raw("(")
	f.w.Number(m)
	f.w.Raw(")")
}

// SaveDate writes SAVEDATE date-time, or NIL for a zero time (RFC 8514).
func (f *FetchWriter) SaveDate(t time.Time) {
	f.item("SAVEDATE")
	if t.IsZero() {
		f.w.NIL()
		return
	}
	f.w.dateTime(t)
}

// EmailID writes "EMAILID (id)" (RFC 8474 §5.1).
func (f *FetchWriter) EmailID(id string) {
	f.item("EMAILID")
	f.w.Raw("(" + id + ")")
}

// ThreadID writes "THREADID (id)", or NIL when id is "" (RFC 8474 §5.2).
func (f *FetchWriter) ThreadID(id string) {
	f.item("THREADID")
	if id == "" {
		f.w.NIL()
		return
	}
	f.w.Raw("(" + id + ")")
}

// Preview writes "PREVIEW text" (RFC 8970 §3), NIL when isNil (not yet
// computed under LAZY).
func (f *FetchWriter) Preview(text string, isNil bool) {
	f.item("PREVIEW")
	if isNil {
		f.w.NIL()
		return
	}
	f.w.Str(text)
}

// Envelope writes "ENVELOPE (...)".
func (f *FetchWriter) Envelope(env *imap.Envelope) {
	f.item("ENVELOPE")
	f.w.envelope(env, "")
}

// EnvelopeWithDate writes ENVELOPE with date, the Date header's own text,
// as its env-date ("" falls back to env.Date).
func (f *FetchWriter) EnvelopeWithDate(env *imap.Envelope, date string) {
	f.item("ENVELOPE")
	f.w.envelope(env, date)
}

// BodyStructure writes "BODYSTRUCTURE (...)" when extended, else the
// non-extensible "BODY (...)".
func (f *FetchWriter) BodyStructure(bs imap.BodyStructure, extended bool) {
	if extended {
		f.item("BODYSTRUCTURE")
	} else {
		f.item("BODY")
	}
	f.w.bodyStructure(bs, extended)
}

// BodySection writes BODY[section]<origin> with data as a literal, or
// NIL when data is nil. BODY.PEEK is answered as BODY (RFC 9051 §7.5.2).
func (f *FetchWriter) BodySection(sec *imap.FetchItemBodySection, data []byte) {
	f.item(bodySectionName(sec))
	f.nilOrLiteral(data, false)
}

// BodySectionFrom is BodySection with size octets streamed from r.
func (f *FetchWriter) BodySectionFrom(sec *imap.FetchItemBodySection, r io.Reader, size int64) error {
	f.item(bodySectionName(sec))
	return f.w.LiteralFrom(r, size, false)
}

// Binary writes BINARY[part] with data as a literal, or as literal8 if it
// holds NUL (RFC 3516 §4.2); NIL when data is nil. RFC 9051's ABNF gives
// BINARY no origin, so none is written even for a partial fetch.
func (f *FetchWriter) Binary(sec *imap.FetchItemBinarySection, data []byte) {
	f.item("BINARY[" + partString(sec.Part) + "]")
	f.nilOrLiteral(data, true)
}

// BinaryFrom is Binary with size octets streamed from r; binary selects
// literal8 (the caller knows whether the decoded data holds NUL).
func (f *FetchWriter) BinaryFrom(sec *imap.FetchItemBinarySection, r io.Reader, size int64, binary bool) error {
	f.item("BINARY[" + partString(sec.Part) + "]")
	return f.w.LiteralFrom(r, size, binary)
}

// BinarySize writes "BINARY.SIZE[part] n".
func (f *FetchWriter) BinarySize(part []int, size int64) {
	f.item("BINARY.SIZE[" + partString(part) + "]")
	f.w.Number(uint64(max(size, 0)))
}

// RFC822 writes one of RFC 3501's RFC822, RFC822.HEADER or RFC822.TEXT
// items (name) with data as a literal.
func (f *FetchWriter) RFC822(name string, data []byte) {
	f.item(name)
	f.nilOrLiteral(data, false)
}

// RFC822From is RFC822 with size octets streamed from r.
func (f *FetchWriter) RFC822From(name string, r io.Reader, size int64) error {
	f.item(name)
	return f.w.LiteralFrom(r, size, false)
}

func (f *FetchWriter) nilOrLiteral(data []byte, binaryOK bool) {
	if data == nil {
		f.w.NIL()
		return
	}
	if !binaryOK && bytes.IndexByte(data, 0) >= 0 {
		// A BODY literal cannot carry NUL (CHAR8); the store should
		// not have such a message, but the line must stay parseable.
		data = bytes.ReplaceAll(data, []byte{0}, []byte{' '})
	}
	f.w.Literal(data)
}

// bodySectionName renders BODY[section]<origin> for a response.
func bodySectionName(sec *imap.FetchItemBodySection) string {
	var sb strings.Builder
	sb.WriteString("BODY[")
	sb.WriteString(partString(sec.Part))
	if sec.Specifier != imap.PartSpecifierNone {
		if len(sec.Part) > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(string(sec.Specifier))
		switch {
		case len(sec.HeaderFields) > 0:
			sb.WriteString(".FIELDS ")
			headerList(&sb, sec.HeaderFields)
		case len(sec.HeaderFieldsNot) > 0:
			sb.WriteString(".FIELDS.NOT ")
			headerList(&sb, sec.HeaderFieldsNot)
		}
	}
	sb.WriteByte(']')
	if sec.Partial != nil {
		sb.WriteByte('<')
		sb.WriteString(strconv.FormatInt(sec.Partial.Offset, 10))
		sb.WriteByte('>')
	}
	return sb.String()
}

func headerList(sb *strings.Builder, names []string) {
	w := &Writer{}
	w.Raw("(")
	for i, n := range names {
		if i > 0 {
			w.SP()
		}
		w.AString(n)
	}
	w.Raw(")")
	sb.Write(w.buf)
}

// partString renders a section part "1.2.3".
func partString(part []int) string {
	var sb strings.Builder
	for i, n := range part {
		if i > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(strconv.Itoa(n))
	}
	return sb.String()
}

// dateTime appends date-time: "dd-Mon-yyyy hh:mm:ss +zzzz" with the day
// padded by a space (date-day-fixed, RFC 9051 §9).
func (w *Writer) dateTime(t time.Time) {
	w.buf = append(w.buf, '"')
	w.buf = t.AppendFormat(w.buf, "_2-Jan-2006 15:04:05 -0700")
	w.buf = append(w.buf, '"')
}

package mime

import (
	"slices"
	"strings"
)

// HeaderValues returns every value of the named field in the message
// header, unfolded and RFC 2047-decoded, in order, for SEARCH HEADER
// (RFC 9051 §6.4.4). A present but empty field gives "". raw must be the
// message the Structure was parsed from; a mismatch gives nil.
func (s *Structure) HeaderValues(raw []byte, name string) []string {
	if int64(len(raw)) != s.size {
		return nil
	}
	var out []string
	scanHeader(raw, int(s.root.start), int(s.root.bodyStart), func(f field) {
		if fieldIs(f.name, name) {
			out = append(out, DecodeHeader(unfold(f.value, maxFieldLen)))
		}
	})
	return out
}

// HeaderText returns the message header decoded for SEARCH TEXT: one
// "Name: value" line per field, unfolded and RFC 2047-decoded.
func (s *Structure) HeaderText(raw []byte) string {
	if int64(len(raw)) != s.size {
		return ""
	}
	return string(appendHeaderText(nil, raw, s.root))
}

func appendHeaderText(dst, raw []byte, e *entity) []byte {
	scanHeader(raw, int(e.start), int(e.bodyStart), func(f field) {
		dst = append(dst, f.name...)
		dst = append(dst, ": "...)
		dst = append(dst, DecodeHeader(unfold(f.value, maxFieldLen))...)
		dst = append(dst, '\n')
	})
	return dst
}

// BodyText returns the searchable text of the message body for SEARCH BODY
// and TEXT: the content of every text/* part with its transfer encoding
// removed and converted to UTF-8 (us-ascii, utf-8, iso-8859-*, windows-125x
// and koi8-r/u; see toUTF8 for mislabelled text; other charsets are kept as
// stored, made valid UTF-8), text/html with its tags removed, and the
// decoded headers of encapsulated messages, which are text of the outer
// body. Parts are separated by a line break. Other parts (images,
// attachments) are not searched. raw must be the message the Structure
// was parsed from; a mismatch gives "".
func (s *Structure) BodyText(raw []byte) string {
	return string(s.AppendBodyText(nil, raw))
}

// AppendBodyText appends BodyText to dst: a search over many messages
// reuses one buffer instead of making a string per message. A mismatched
// raw appends nothing.
func (s *Structure) AppendBodyText(dst, raw []byte) []byte {
	if int64(len(raw)) != s.size {
		return dst
	}
	return s.root.appendText(dst, raw)
}

func (e *entity) appendText(dst, raw []byte) []byte {
	switch {
	case e.isMultipart():
		for _, c := range e.children {
			dst = c.appendText(dst, raw)
		}
	case e.isMessage():
		msg := e.children[0]
		dst = appendHeaderText(dst, raw, msg)
		dst = msg.appendText(dst, raw)
	case e.typ == "text":
		body := raw[e.bodyStart:e.end]
		switch e.enc {
		case "base64":
			body = decodeBase64(body)
		case "quoted-printable":
			body = decodeQP(body)
		}
		start := len(dst)
		var ok bool
		dst, ok = appendUTF8(dst, e.param("charset"), body)
		if !ok {
			// An unknown charset is kept as stored, made valid UTF-8.
			part := slices.Clone(dst[start:])
			dst = appendValidUTF8(dst[:start], part)
		}
		if e.sub == "html" {
			text := stripHTML(string(dst[start:]))
			dst = append(dst[:start], text...)
		}
		return append(dst, '\n')
	}
	return dst
}

// stripHTML removes tags, comments and the content of script and style
// elements, and decodes the few entities that matter for search.
func stripHTML(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			sb.WriteString(s)
			break
		}
		sb.WriteString(s[:lt])
		s = skipTag(s[lt:])
		sb.WriteByte(' ')
	}
	return htmlEntities.Replace(sb.String())
}

// skipTag returns s after the tag (or comment, or script/style element)
// it starts with.
func skipTag(s string) string {
	if strings.HasPrefix(s, "<!--") {
		if i := strings.Index(s, "-->"); i >= 0 {
			return s[i+3:]
		}
		return ""
	}
	for _, el := range [...]string{"script", "style"} {
		if len(s) > len(el) && strings.EqualFold(s[1:1+len(el)], el) {
			i := indexFold(s, "</"+el)
			if i < 0 {
				return "" // unclosed: the rest is script, and scanning stays linear
			}
			s = s[i:]
		}
	}
	if i := strings.IndexByte(s, '>'); i >= 0 {
		return s[i+1:]
	}
	return ""
}

// indexFold is strings.Index ignoring the ASCII case of s; needle must
// be lower case. Byte offsets are those of s.
func indexFold(s, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if equalFoldASCII(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

var htmlEntities = strings.NewReplacer(
	"&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'",
	"&apos;", "'", "&nbsp;", " ",
)

package mime

import "strings"

// The header fields Parse reads, by index into headerValues.
const (
	hContentType = iota
	hEncoding
	hContentID
	hDescription
	hMD5
	hDisposition
	hLanguage
	hLocation
	hDate
	hSubject
	hFrom
	hSender
	hReplyTo
	hTo
	hCc
	hBcc
	hInReplyTo
	hMessageID
	hReferences
	numFields
)

var fieldNames = [numFields]string{
	"content-type", "content-transfer-encoding", "content-id",
	"content-description", "content-md5", "content-disposition",
	"content-language", "content-location", "date", "subject", "from",
	"sender", "reply-to", "to", "cc", "bcc", "in-reply-to", "message-id",
	"references",
}

// headerValues holds the raw value of the first occurrence of each field
// Parse reads; as Cyrus, a repeated field's later copies are ignored.
type headerValues struct {
	v  [numFields][]byte
	ok [numFields]bool
}

func (h *headerValues) set(f field) {
	for i, n := range fieldNames {
		if len(n) == len(f.name) && !h.ok[i] && equalFoldASCII(f.name, n) {
			h.v[i], h.ok[i] = f.value, true
			return
		}
	}
}

// get returns the unfolded value of field i and whether it is present.
// A References field longer than maxFieldLen keeps its end: the last ids
// (the nearest ancestors) matter most to THREAD (RFC 5256 §3).
func (h *headerValues) get(i int) (string, bool) {
	if !h.ok[i] {
		return "", false
	}
	v := h.v[i]
	if i == hReferences && len(v) > maxFieldLen {
		v = v[len(v)-maxFieldLen:]
	}
	return unfold(v, maxFieldLen), true
}

// entityKind says how parser.entity treats the range it is given.
type entityKind int

const (
	kindPart     entityKind = iota // a body part with a MIME header
	kindDigest                     // a part of multipart/digest: default message/rfc822
	kindMessage                    // a message: the header also yields an envelope
	kindNoHeader                   // the implicit part of a multipart without delimiters
)

// parser carries the state of one Parse: the message and the budgets.
type parser struct {
	raw      []byte
	parts    int // entities created or reserved, against MaxParts
	retained int // bytes of header text kept, against maxRetained
}

// Parse parses a whole message: RFC 5322 with CRLF or bare-LF line ends,
// MIME (RFC 2045, 2046) with RFC 2047 and RFC 2231 decoding. It never fails:
// malformed mail gets a best-effort structure, so that IMAP can still serve
// it (see scanHeader and splitParts for how broken headers and boundaries
// are read), and the limits MaxDepth and MaxParts bound its work.
func Parse(raw []byte) *Structure {
	p := parser{raw: raw, parts: 1}
	root := p.entity(0, len(raw), 0, kindMessage)
	return &Structure{root: root, size: int64(len(raw))}
}

// entity parses raw[start:end] as one entity and, recursively, its parts.
func (p *parser) entity(start, end, depth int, kind entityKind) *entity {
	e := &entity{start: int64(start), end: int64(end)}
	var h headerValues
	bodyStart := start
	if kind != kindNoHeader {
		bodyStart = scanHeader(p.raw, start, end, h.set)
	}
	e.bodyStart = int64(bodyStart)
	e.lines = countLines(p.raw[bodyStart:end])
	p.readContent(e, &h, kind == kindDigest)
	if kind == kindMessage {
		e.env = p.readEnvelope(&h)
	}
	switch {
	case e.isMultipart():
		p.multipart(e, depth)
	case e.isMessage():
		p.encapsulated(e, depth)
	}
	return e
}

// multipart splits e's body into its parts.
func (p *parser) multipart(e *entity, depth int) {
	if depth >= MaxDepth || p.parts >= MaxParts {
		opaque(e)
		return
	}
	kind := kindPart
	if e.sub == "digest" {
		kind = kindDigest // RFC 2046 §5.1.5
	}
	ranges := splitParts(p.raw, int(e.bodyStart), int(e.end), e.param("boundary"), MaxParts-p.parts)
	if len(ranges) == 0 {
		// No boundary or no delimiter: IMAP needs at least one part
		// (RFC 9051 §9 body-type-mpart), so the whole body becomes part 1,
		// with an empty header, reachable and shown as text/plain.
		p.parts++
		e.children = []*entity{p.entity(int(e.bodyStart), int(e.end), depth+1, kindNoHeader)}
		return
	}
	p.parts += len(ranges)
	e.children = make([]*entity, 0, len(ranges))
	for _, r := range ranges {
		e.children = append(e.children, p.entity(r[0], r[1], depth+1, kind))
	}
}

// encapsulated parses the message inside a message/rfc822 part. RFC 2046
// §5.2.1 allows only 7bit, 8bit and binary there; an encoded one (seen in
// the wild) cannot be parsed in place and is served as an opaque leaf.
func (p *parser) encapsulated(e *entity, depth int) {
	switch e.enc {
	case "", "7bit", "8bit", "binary":
	default:
		opaque(e)
		return
	}
	if depth >= MaxDepth || p.parts >= MaxParts {
		opaque(e)
		return
	}
	p.parts++
	e.children = []*entity{p.entity(int(e.bodyStart), int(e.end), depth+1, kindMessage)}
}

// opaque turns a container we will not descend into a leaf, so the tree
// stays consistent: a multipart always has parts, a message/rfc822 always
// its message.
func opaque(e *entity) {
	e.typ, e.sub = "application", "octet-stream"
}

// keep returns s if the retained-text budget allows it, else "".
func (p *parser) keep(s string) string {
	if p.retained+len(s) > maxRetained {
		return ""
	}
	p.retained += len(s)
	return s
}

// keepParams applies keep to parameters and caps their number.
func (p *parser) keepParams(ps []param) []param {
	if len(ps) > maxParams {
		ps = ps[:maxParams]
	}
	out := ps[:0]
	for _, q := range ps {
		if p.retained+len(q.key)+len(q.val) > maxRetained {
			break
		}
		p.retained += len(q.key) + len(q.val)
		out = append(out, q)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// lowerToken returns the first token of a simple field value such as
// Content-Transfer-Encoding, lower-cased, with comments removed.
func lowerToken(s string) string {
	s = strings.TrimSpace(stripComments(s))
	if i := strings.IndexAny(s, " \t;"); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}

// equalFoldASCII compares a field name with a lower-case name.
func equalFoldASCII[T string | []byte](b T, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

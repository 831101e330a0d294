package mime

import "strings"

// readContent fills e's MIME fields from its header (RFC 2045, RFC 2183
// Content-Disposition, RFC 3282 Content-Language, RFC 2557
// Content-Location).
func (p *parser) readContent(e *entity, h *headerValues, digest bool) {
	ct, present := h.get(hContentType)
	var typ, sub string
	var params []param
	if present {
		var v string
		v, params = parseMediaValue(ct)
		typ, sub = splitMediaType(v)
	}
	if typ == "" {
		if digest && !present {
			// RFC 2046 §5.1.5: in a digest the default is message/rfc822.
			typ, sub, params = "message", "rfc822", nil
		} else {
			// RFC 2045 §5.2: absent or invalid means this default.
			typ, sub, params = "text", "plain", []param{{"charset", "us-ascii"}}
		}
	}
	// Never dropped, or the tree would lose its shape; splitMediaType
	// bounds their length.
	e.typ, e.sub = typ, sub
	p.retained += len(typ) + len(sub)
	e.params = p.keepParams(params)
	if v, ok := h.get(hEncoding); ok {
		e.enc = p.keep(lowerToken(v))
	}
	if v, ok := h.get(hContentID); ok {
		e.id = p.keep(v)
	}
	if v, ok := h.get(hDescription); ok {
		e.desc = p.keep(DecodeHeader(v))
	}
	if v, ok := h.get(hMD5); ok {
		e.md5 = p.keep(v)
	}
	if v, ok := h.get(hDisposition); ok {
		d, dp := parseMediaValue(v)
		if d = lowerToken(d); d != "" {
			e.disp = p.keep(d)
			e.dparams = p.keepParams(dp)
		}
	}
	if v, ok := h.get(hLanguage); ok {
		e.lang = p.keepList(splitLanguages(v))
	}
	if v, ok := h.get(hLocation); ok {
		e.loc = p.keep(v)
	}
}

// splitMediaType splits "type/subtype" into lower-case tokens; both must be
// RFC 2045 tokens, else it returns "", "".
func splitMediaType(v string) (string, string) {
	t, s, ok := strings.Cut(v, "/")
	t, s = strings.TrimSpace(t), strings.TrimSpace(s)
	// RFC 6838 §4.2: names are at most 127 characters.
	if !ok || len(t) > 127 || len(s) > 127 || !isToken(t) || !isToken(s) {
		return "", ""
	}
	return strings.ToLower(t), strings.ToLower(s)
}

// isToken reports whether s is a non-empty RFC 2045 §5.1 token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?=`, c) >= 0 {
			return false
		}
	}
	return true
}

// splitLanguages reads an RFC 3282 language list: tags separated by
// commas, comments allowed.
func splitLanguages(v string) []string {
	var out []string
	for _, t := range strings.Split(stripComments(v), ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// keepList applies keep to a list, dropping what does not fit.
func (p *parser) keepList(l []string) []string {
	if len(l) > maxParams {
		l = l[:maxParams]
	}
	out := l[:0]
	for _, s := range l {
		if s = p.keep(s); s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

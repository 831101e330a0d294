package mime

import (
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
)

var (
	// ErrNoSuchPart means a section names a part the message does not
	// have, or HEADER/TEXT on a part that is not message/rfc822. RFC 9051
	// leaves the answer open; servers commonly return an empty string.
	ErrNoSuchPart = errors.New("mime: no such body part")
	// ErrBadSection means a section specifier this package does not know.
	ErrBadSection = errors.New("mime: bad section specifier")
	// ErrSizeMismatch means the raw message handed in is not the one the
	// Structure was parsed from: offsets would point at the wrong bytes.
	ErrSizeMismatch = errors.New("mime: raw message size differs from parsed size")
)

// Size is the length of the message the Structure was parsed from.
func (s *Structure) Size() int64 { return s.size }

// part resolves an IMAP part number (RFC 9051 §6.4.5) to an entity. Part
// numbers count the parts of a multipart; a message that is not multipart
// has only part 1, the message body itself, whose MIME header is the
// message header; below a message/rfc822 part the numbers continue into the
// encapsulated message by the same rule ("4.2.1").
func (s *Structure) part(path []int) (*entity, error) {
	e := s.root
	atMessage := true // e is a message whose part numbers come next
	for i, n := range path {
		if !atMessage && e.isMessage() {
			e, atMessage = e.children[0], true
		}
		switch {
		case e.isMultipart() && n >= 1 && n <= len(e.children):
			e, atMessage = e.children[n-1], false
		case atMessage && !e.isMultipart() && n == 1:
			atMessage = false // part 1 of a non-multipart message is its body
		default:
			return nil, fmt.Errorf("part %s: %w", partString(path[:i+1]), ErrNoSuchPart)
		}
	}
	return e, nil
}

// Section returns the bytes of BODY[section] (RFC 9051 §6.4.5), with
// sec.Partial applied (see ApplyPartial). Specifiers: none (the whole
// message or, after a part number, the part's body), HEADER, TEXT,
// HEADER with HeaderFields or HeaderFieldsNot (HEADER.FIELDS and
// HEADER.FIELDS.NOT, as go-imap represents them; the specifier strings
// "HEADER.FIELDS" and "HEADER.FIELDS.NOT" are accepted too) and MIME.
// HEADER, TEXT and the field selections after a part number need a
// message/rfc822 part. Headers are returned with their terminating empty
// line; field selections end with one.
//
// The result aliases raw except for field selections; callers must not
// modify it. raw must be the message the Structure was parsed from.
func (s *Structure) Section(raw []byte, sec *imap.FetchItemBodySection) ([]byte, error) {
	if int64(len(raw)) != s.size {
		return nil, ErrSizeMismatch
	}
	e, err := s.part(sec.Part)
	if err != nil {
		return nil, err
	}
	spec := strings.ToUpper(string(sec.Specifier))
	var out []byte
	switch {
	case spec == "" && len(sec.Part) == 0:
		out = raw
	case spec == "":
		out = raw[e.bodyStart:e.end]
	case spec == string(imap.PartSpecifierMIME) && len(sec.Part) > 0:
		out = raw[e.start:e.bodyStart]
	case spec == string(imap.PartSpecifierHeader), spec == "HEADER.FIELDS",
		spec == "HEADER.FIELDS.NOT", spec == string(imap.PartSpecifierText):
		msg, err := s.message(e, sec.Part)
		if err != nil {
			return nil, err
		}
		out = messageSection(raw, msg, spec, sec)
	default:
		return nil, fmt.Errorf("section %q: %w", spec, ErrBadSection)
	}
	return ApplyPartial(out, sec.Partial), nil
}

// message returns the message whose HEADER or TEXT a section means: the
// root for no part number, else the message inside a message/rfc822 part.
func (s *Structure) message(e *entity, path []int) (*entity, error) {
	if len(path) == 0 {
		return s.root, nil
	}
	if !e.isMessage() {
		return nil, fmt.Errorf("part %s is not message/rfc822: %w", partString(path), ErrNoSuchPart)
	}
	return e.children[0], nil
}

// messageSection cuts HEADER, HEADER.FIELDS[.NOT] or TEXT of msg.
func messageSection(raw []byte, msg *entity, spec string, sec *imap.FetchItemBodySection) []byte {
	switch {
	case spec == string(imap.PartSpecifierText):
		return raw[msg.bodyStart:msg.end]
	case spec == "HEADER.FIELDS" || len(sec.HeaderFields) > 0:
		return selectFields(raw, msg, sec.HeaderFields, true)
	case spec == "HEADER.FIELDS.NOT" || len(sec.HeaderFieldsNot) > 0:
		return selectFields(raw, msg, sec.HeaderFieldsNot, false)
	default:
		return raw[msg.start:msg.bodyStart]
	}
}

// selectFields returns the header fields of msg named (keep) or not named
// (!keep) in names, as written and in order, followed by an empty line
// (RFC 9051 §6.4.5: the subset keeps the header's form).
func selectFields(raw []byte, msg *entity, names []string, keep bool) []byte {
	var out []byte
	scanHeader(raw, int(msg.start), int(msg.bodyStart), func(f field) {
		if nameIn(f.name, names) == keep {
			out = append(out, raw[f.start:f.end]...)
			if raw[f.end-1] != '\n' {
				out = append(out, "\r\n"...) // last field with no line break
			}
		}
	})
	return append(out, "\r\n"...)
}

func nameIn(name []byte, names []string) bool {
	for _, n := range names {
		if fieldIs(name, n) {
			return true
		}
	}
	return false
}

// ApplyPartial cuts the <origin.size> range of a partial FETCH (RFC 9051
// §6.4.5) from b: empty when the origin is past the end, shorter when the
// range runs past it. A nil p returns b.
func ApplyPartial(b []byte, p *imap.SectionPartial) []byte {
	if p == nil {
		return b
	}
	if p.Offset < 0 || p.Offset >= int64(len(b)) || p.Size <= 0 {
		return b[:0]
	}
	end := int64(len(b))
	if p.Size < end-p.Offset {
		end = p.Offset + p.Size
	}
	return b[p.Offset:end]
}

// ContentMD5 returns the Content-MD5 of a part (RFC 1864), the body-fld-md5
// of BODYSTRUCTURE that go-imap's types cannot hold, or "" when it has
// none or the part does not exist.
func (s *Structure) ContentMD5(part []int) string {
	e, err := s.part(part)
	if err != nil {
		return ""
	}
	return e.md5
}

// partString formats a part number as "1.2.3".
func partString(path []int) string {
	var sb strings.Builder
	for i, n := range path {
		if i > 0 {
			sb.WriteByte('.')
		}
		fmt.Fprint(&sb, n)
	}
	return sb.String()
}

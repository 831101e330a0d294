package mime

import (
	"time"

	"github.com/emersion/go-imap/v2"
)

// Limits that keep a hostile message from costing unbounded time, memory or
// blob size. Mail beyond them is still served: deeper parts become opaque
// application/octet-stream leaves and the parts past MaxParts run together
// into the last one.
const (
	// MaxDepth bounds the nesting of multipart and message/rfc822 parts.
	MaxDepth = 100
	// MaxParts bounds the number of entities (message, parts and
	// encapsulated messages) in one Structure.
	MaxParts = 10000
	// maxRetained bounds the header text one Structure keeps (values of
	// parameters and envelope fields); past it further strings are dropped.
	maxRetained = 1 << 20
	// maxFieldLen bounds one header field value as read.
	maxFieldLen = 16 << 10
	// maxParams bounds the parameters kept per Content-Type or
	// Content-Disposition.
	maxParams = 64
)

// Structure is what Parse learns about a message: a tree of entities with
// byte offsets into the raw message, the MIME fields BODYSTRUCTURE needs,
// line counts, and the envelope of every message in it. It holds no copy of
// the body; Section, Binary and BodyText take the raw message again.
//
// A Structure is immutable after Parse or UnmarshalBinary and safe for
// concurrent use.
type Structure struct {
	root *entity
	size int64 // length of the raw message Parse saw
}

// entity is a message or a body part: a header, a body, and what the
// header says about the body.
//
// Offsets are into the raw message: the header is raw[start:bodyStart]
// (with its terminating empty line, if any), the body raw[bodyStart:end].
// A multipart entity has its body parts as children; a message/rfc822 or
// message/global entity has exactly one child, the encapsulated message,
// spanning its whole body. The root and encapsulated messages carry env.
type entity struct {
	start, bodyStart, end int64
	lines                 int64 // lines in the body

	typ, sub string  // lower-case media type and subtype
	params   []param // Content-Type parameters
	enc      string  // lower-case Content-Transfer-Encoding, "" if absent
	id       string  // Content-ID
	desc     string  // Content-Description, decoded
	md5      string  // Content-MD5
	disp     string  // lower-case Content-Disposition value, "" if absent
	dparams  []param // Content-Disposition parameters
	lang     []string
	loc      string // Content-Location

	children []*entity
	env      *envelope
}

// envelope holds the RFC 5322 fields of a message, read once. The text
// fields are kept as written (unfolded, encoded-words left encoded), the
// form ENVELOPE sends (RFC 3501 §7.4.2); the decoded forms Summary needs
// are derived from them. Structures read from version 1 blobs hold decoded
// text instead, marked by legacy.
type envelope struct {
	date                               time.Time      // zero if absent or unparseable
	rawDate                            string         // Date as written; "" in legacy
	subject                            string         // Subject as written
	from, sender, replyTo, to, cc, bcc []imap.Address // display names as written
	inReplyTo                          string         // In-Reply-To as written
	messageID                          string         // Message-ID as written
	references                         []string       // msg-ids without angle brackets
	legacy                             bool           // subject and names are decoded
}

// isMultipart reports whether e's children are body parts.
func (e *entity) isMultipart() bool { return e.typ == "multipart" }

// isMessage reports whether e encapsulates a message (RFC 2046 §5.2.1,
// RFC 6532 §3.7).
func (e *entity) isMessage() bool {
	return e.typ == "message" && (e.sub == "rfc822" || e.sub == "global")
}

// param returns the value of the Content-Type parameter key.
func (e *entity) param(key string) string {
	for _, p := range e.params {
		if p.key == key {
			return p.val
		}
	}
	return ""
}

// bodySize is the size of the body in octets.
func (e *entity) bodySize() int64 { return e.end - e.bodyStart }

package mime

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
)

// The blob format (version 2), all integers uvarint unless noted:
//
//	version byte, message size, root entity
//	entity: flags, start (root: absolute; part: after the previous
//	        sibling's end or the parent's body start; message: 0),
//	        header length, body length, lines, type, subtype,
//	        then per flag: params, encoding, id, description, md5,
//	        disposition + params, languages, location, envelope;
//	        then for multipart and message/rfc822 the child count and
//	        children
//	envelope: flags, then per flag: date (zig-zag unix seconds,
//	        zig-zag zone offset seconds), Date text, subject, six
//	        address lists (count, then name, mailbox, host each),
//	        In-Reply-To text, Message-ID text, reference ids
//	string: n; odd n is wellKnown[n>>1], even n a literal of n>>1 bytes
//
// Offsets are relative so a typical message stores one or two bytes per
// number.
//
// Version 1 kept the subject and display names decoded, no Date text, and
// In-Reply-To and Message-ID as parsed ids (a list and one string); it is
// still read, and marked legacy (flag eLegacy when written again).
const (
	formatVersion = 2
	formatV1      = 1
	// MaxBlobSize bounds a marshalled Structure; UnmarshalBinary rejects
	// anything larger without reading it.
	MaxBlobSize = 16 << 20
)

// Entity flags.
const (
	fParams = 1 << iota
	fEnc
	fID
	fDesc
	fMD5
	fDisp
	fLang
	fLoc
	fEnv
)

// Envelope flags, one per field.
const (
	eDate = 1 << iota
	eSubject
	eFrom
	eSender
	eReplyTo
	eTo
	eCc
	eBcc
	eInReplyTo
	eMessageID
	eReferences
	eRawDate
	eLegacy
)

// ErrMalformed is wrapped by every UnmarshalBinary error.
var ErrMalformed = errors.New("mime: malformed structure blob")

// MarshalBinary encodes the Structure for the store, as an
// encoding.BinaryMarshaler: compact, versioned by its first byte, at most
// MaxBlobSize bytes.
func (s *Structure) MarshalBinary() ([]byte, error) {
	w := writer{b: make([]byte, 0, 256)}
	w.b = append(w.b, formatVersion)
	w.uvarint(uint64(s.size))
	w.entity(s.root, 0)
	if len(w.b) > MaxBlobSize {
		return nil, fmt.Errorf("marshal structure: %d bytes exceeds %d", len(w.b), MaxBlobSize)
	}
	return w.b, nil
}

// writer appends the blob encoding.
type writer struct{ b []byte }

func (w *writer) uvarint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *writer) varint(v int64)   { w.b = binary.AppendVarint(w.b, v) }

func (w *writer) str(s string) {
	if i, ok := wellKnownIndex[s]; ok && s != "" {
		w.uvarint(uint64(i)<<1 | 1)
		return
	}
	w.uvarint(uint64(len(s)) << 1)
	w.b = append(w.b, s...)
}

func (w *writer) strs(l []string) {
	w.uvarint(uint64(len(l)))
	for _, s := range l {
		w.str(s)
	}
}

func (w *writer) params(ps []param) {
	w.uvarint(uint64(len(ps)))
	for _, p := range ps {
		w.str(p.key)
		w.str(p.val)
	}
}

func (w *writer) entity(e *entity, origin int64) {
	w.uvarint(entityFlags(e))
	w.uvarint(uint64(e.start - origin))
	w.uvarint(uint64(e.bodyStart - e.start))
	w.uvarint(uint64(e.end - e.bodyStart))
	w.uvarint(uint64(e.lines))
	w.str(e.typ)
	w.str(e.sub)
	w.optional(e)
	if e.env != nil {
		w.envelope(e.env)
	}
	if !e.isMultipart() && !e.isMessage() {
		return
	}
	w.uvarint(uint64(len(e.children)))
	cursor := e.bodyStart
	for _, c := range e.children {
		w.entity(c, cursor)
		cursor = c.end
	}
}

func entityFlags(e *entity) uint64 {
	var f uint64
	set := func(cond bool, bit uint64) {
		if cond {
			f |= bit
		}
	}
	set(len(e.params) > 0, fParams)
	set(e.enc != "", fEnc)
	set(e.id != "", fID)
	set(e.desc != "", fDesc)
	set(e.md5 != "", fMD5)
	set(e.disp != "", fDisp)
	set(len(e.lang) > 0, fLang)
	set(e.loc != "", fLoc)
	set(e.env != nil, fEnv)
	return f
}

// optional writes the fields entityFlags marks present.
func (w *writer) optional(e *entity) {
	if len(e.params) > 0 {
		w.params(e.params)
	}
	for _, s := range [...]string{e.enc, e.id, e.desc, e.md5} {
		if s != "" {
			w.str(s)
		}
	}
	if e.disp != "" {
		w.str(e.disp)
		w.params(e.dparams)
	}
	if len(e.lang) > 0 {
		w.strs(e.lang)
	}
	if e.loc != "" {
		w.str(e.loc)
	}
}

func (w *writer) envelope(env *envelope) {
	lists := env.addrLists()
	var f uint64
	if !env.date.IsZero() {
		f |= eDate
	}
	if env.rawDate != "" {
		f |= eRawDate
	}
	if env.legacy {
		f |= eLegacy
	}
	if env.subject != "" {
		f |= eSubject
	}
	for i, l := range lists {
		if len(l) > 0 {
			f |= eFrom << i
		}
	}
	if env.inReplyTo != "" {
		f |= eInReplyTo
	}
	if env.messageID != "" {
		f |= eMessageID
	}
	if len(env.references) > 0 {
		f |= eReferences
	}
	w.uvarint(f)
	if f&eDate != 0 {
		_, off := env.date.Zone()
		w.varint(env.date.Unix())
		w.varint(int64(off))
	}
	if f&eRawDate != 0 {
		w.str(env.rawDate)
	}
	if f&eSubject != 0 {
		w.str(env.subject)
	}
	for _, l := range lists {
		if len(l) > 0 {
			w.addrs(l)
		}
	}
	if f&eInReplyTo != 0 {
		w.str(env.inReplyTo)
	}
	if f&eMessageID != 0 {
		w.str(env.messageID)
	}
	if f&eReferences != 0 {
		w.strs(env.references)
	}
}

func (w *writer) addrs(l []imap.Address) {
	w.uvarint(uint64(len(l)))
	for _, a := range l {
		w.str(a.Name)
		w.str(a.Mailbox)
		w.str(a.Host)
	}
}

// addrLists returns the six address lists in blob (and ENVELOPE) order.
func (env *envelope) addrLists() [6][]imap.Address {
	return [6][]imap.Address{env.from, env.sender, env.replyTo, env.to, env.cc, env.bcc}
}

// dateFromBlob rebuilds a date; zone 0 is UTC so that equal dates compare
// equal with ==.
func dateFromBlob(sec, off int64) time.Time {
	loc := time.UTC
	if off != 0 {
		loc = time.FixedZone("", int(off))
	}
	return time.Unix(sec, 0).In(loc)
}

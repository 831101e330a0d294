package mime

import (
	"strings"

	"github.com/emersion/go-imap/v2"
)

// entity reads one entity whose range starts at or after origin and ends
// by limit; message is whether it must carry an envelope.
func (r *reader) entity(depth int, origin, limit int64, message bool) *entity {
	r.parts++
	if depth > MaxDepth || r.parts > MaxParts {
		r.fail("structure deeper than %d or larger than %d parts", MaxDepth, MaxParts)
		return &entity{}
	}
	flags := r.uvarint()
	e := &entity{}
	e.start = origin + r.int()
	e.bodyStart = e.start + r.int()
	e.end = e.bodyStart + r.int()
	e.lines = r.int()
	e.typ, e.sub = r.str(), r.str()
	if r.err == nil && (e.end > limit || e.typ == "" || e.sub == "") {
		r.fail("entity [%d,%d) past %d or without type", e.start, e.end, limit)
	}
	r.optional(e, flags)
	if flags&fEnv != 0 {
		e.env = r.envelope()
	}
	if (e.env != nil) != message {
		r.fail("envelope where none belongs or missing")
	}
	switch {
	case e.isMultipart():
		r.multipartChildren(e, depth)
	case e.isMessage():
		if r.count() != 1 {
			r.fail("message/rfc822 part without exactly one message")
			return e
		}
		c := r.entity(depth+1, e.bodyStart, e.end, true)
		if r.err == nil && (c.start != e.bodyStart || c.end != e.end) {
			r.fail("encapsulated message does not span its part")
		}
		e.children = []*entity{c}
	}
	return e
}

// multipartChildren reads the parts of e, each after the previous one.
func (r *reader) multipartChildren(e *entity, depth int) {
	n := r.count()
	if n == 0 && r.err == nil {
		r.fail("multipart without parts")
		return
	}
	e.children = make([]*entity, 0, n)
	cursor := e.bodyStart
	for i := 0; i < n && r.err == nil; i++ {
		c := r.entity(depth+1, cursor, e.end, false)
		e.children = append(e.children, c)
		cursor = c.end
	}
}

// optional reads the fields flags marks present.
func (r *reader) optional(e *entity, flags uint64) {
	if flags&fParams != 0 {
		e.params = r.params()
	}
	for _, f := range [...]struct {
		bit uint64
		dst *string
	}{{fEnc, &e.enc}, {fID, &e.id}, {fDesc, &e.desc}, {fMD5, &e.md5}} {
		if flags&f.bit != 0 {
			*f.dst = r.str()
		}
	}
	if flags&fDisp != 0 {
		e.disp = r.str()
		e.dparams = r.params()
		if e.disp == "" {
			r.fail("empty disposition")
		}
	}
	if flags&fLang != 0 {
		e.lang = r.strs()
	}
	if flags&fLoc != 0 {
		e.loc = r.str()
	}
}

func (r *reader) envelope() *envelope {
	if r.version == formatV1 {
		return r.envelopeV1()
	}
	f := r.uvarint()
	env := &envelope{legacy: f&eLegacy != 0}
	r.date(env, f)
	if f&eRawDate != 0 {
		env.rawDate = r.str()
	}
	if f&eSubject != 0 {
		env.subject = r.str()
	}
	r.addrLists(env, f)
	if f&eInReplyTo != 0 {
		env.inReplyTo = r.str()
	}
	if f&eMessageID != 0 {
		env.messageID = r.str()
	}
	if f&eReferences != 0 {
		env.references = r.strs()
	}
	return env
}

// envelopeV1 reads a version 1 envelope: decoded text, no Date text, and
// msg-ids without brackets, which it brackets again so that the field
// reads as the ids it held.
func (r *reader) envelopeV1() *envelope {
	f := r.uvarint() &^ (eRawDate | eLegacy)
	env := &envelope{legacy: true}
	r.date(env, f)
	if f&eSubject != 0 {
		env.subject = r.str()
	}
	r.addrLists(env, f)
	if f&eInReplyTo != 0 {
		env.inReplyTo = bracketList(r.strs())
	}
	if f&eMessageID != 0 {
		env.messageID = bracket(r.str())
	}
	if f&eReferences != 0 {
		env.references = r.strs()
	}
	return env
}

// bracketList writes ids as "<id1> <id2>".
func bracketList(ids []string) string {
	var sb strings.Builder
	for _, id := range ids {
		if id == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(bracket(id))
	}
	return sb.String()
}

func (r *reader) date(env *envelope, f uint64) {
	if f&eDate == 0 {
		return
	}
	sec, off := r.varint(), r.varint()
	if off <= -100*3600 || off >= 100*3600 || sec < minUnix || sec > maxUnix {
		r.fail("date out of range")
		return
	}
	env.date = dateFromBlob(sec, off)
}

func (r *reader) addrLists(env *envelope, f uint64) {
	lists := [6]*[]imap.Address{&env.from, &env.sender, &env.replyTo, &env.to, &env.cc, &env.bcc}
	for i, dst := range lists {
		if f&(eFrom<<i) != 0 {
			*dst = r.addrs()
		}
	}
}

// The dates ParseDate can produce: years 1 to 9999.
const (
	minUnix = -62135596800 - 100*3600 // 0001-01-01 local, zone up to +99:59
	maxUnix = 253402300799 + 100*3600 // 9999-12-31T23:59:59 local, zone to -99:59
)

func (r *reader) addrs() []imap.Address {
	n := r.count()
	if n == 0 {
		return nil
	}
	l := make([]imap.Address, n)
	for i := range l {
		l[i] = imap.Address{Name: r.str(), Mailbox: r.str(), Host: r.str()}
	}
	return l
}

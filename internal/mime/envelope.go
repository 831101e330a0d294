package mime

import (
	"github.com/emersion/go-imap/v2"
)

// readEnvelope reads the RFC 5322 fields of a message header once, at
// parse time, so ENVELOPE and Summary cost no parsing later. Text is kept
// as written: as Cyrus and RFC 3501 §7.4.2, ENVELOPE carries the header
// text and leaves RFC 2047 decoding to the client.
func (p *parser) readEnvelope(h *headerValues) *envelope {
	env := &envelope{}
	if v, ok := h.get(hDate); ok {
		env.date = ParseDate(v)
		env.rawDate = p.keep(v)
	}
	if v, ok := h.get(hSubject); ok {
		env.subject = p.keep(v)
	}
	lists := [...]struct {
		field int
		dst   *[]imap.Address
	}{
		{hFrom, &env.from}, {hSender, &env.sender}, {hReplyTo, &env.replyTo},
		{hTo, &env.to}, {hCc, &env.cc}, {hBcc, &env.bcc},
	}
	for _, l := range lists {
		if v, ok := h.get(l.field); ok {
			*l.dst = p.keepAddrs(parseAddressList(v))
		}
	}
	if v, ok := h.get(hInReplyTo); ok {
		env.inReplyTo = p.keep(v)
	}
	if v, ok := h.get(hMessageID); ok {
		env.messageID = p.keep(v)
	}
	if v, ok := h.get(hReferences); ok {
		env.references = p.keepTail(msgIDs(v))
	}
	return env
}

// keepTail applies the retained-text budget to a References list from
// its end, so the nearest ancestors are the ones kept. The list needs no
// count cap: get already bounds the field.
func (p *parser) keepTail(ids []string) []string {
	i := len(ids)
	for i > 0 && p.retained+len(ids[i-1]) <= maxRetained {
		p.retained += len(ids[i-1])
		i--
	}
	if i == len(ids) {
		return nil
	}
	return ids[i:]
}

// keepAddrs applies the retained-text budget to an address list. The list
// is cut before the first address that does not fit, and an open group is
// closed, so the list stays well formed.
func (p *parser) keepAddrs(l []imap.Address) []imap.Address {
	open := false
	for i, a := range l {
		n := len(a.Name) + len(a.Mailbox) + len(a.Host)
		if p.retained+n > maxRetained {
			l = l[:i]
			if open {
				l = append(l, imap.Address{})
			}
			break
		}
		p.retained += n
		switch {
		case a.IsGroupStart():
			open = true
		case a.IsGroupEnd():
			open = false
		}
	}
	if len(l) == 0 {
		return nil
	}
	return l
}

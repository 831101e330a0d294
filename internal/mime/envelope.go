package mime

import (
	"github.com/emersion/go-imap/v2"
)

// readEnvelope decodes the RFC 5322 fields of a message header once, at
// parse time, so ENVELOPE and Summary cost no parsing later.
func (p *parser) readEnvelope(h *headerValues) *envelope {
	env := &envelope{}
	if v, ok := h.get(hDate); ok {
		env.date = ParseDate(v)
	}
	if v, ok := h.get(hSubject); ok {
		env.subject = p.keep(DecodeHeader(v))
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
		env.inReplyTo = p.keepList(msgIDs(v))
	}
	if v, ok := h.get(hMessageID); ok {
		env.messageID = p.keep(messageID(v))
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

// Envelope returns the ENVELOPE of the message (RFC 9051 §7.5.2) in
// go-imap's conventions: subject and names decoded to UTF-8, msg-ids
// without angle brackets, Date as parsed (zero, sent as NIL, when absent
// or unparseable). As the RFC requires, an absent or empty Sender or
// Reply-To is given the value of From.
func (s *Structure) Envelope() *imap.Envelope {
	return s.root.env.imap()
}

// imap converts a stored envelope to go-imap's type, copying every slice
// so callers cannot change the Structure.
func (env *envelope) imap() *imap.Envelope {
	out := &imap.Envelope{
		Date:      env.date,
		Subject:   env.subject,
		From:      cloneAddrs(env.from),
		Sender:    cloneAddrs(env.sender),
		ReplyTo:   cloneAddrs(env.replyTo),
		To:        cloneAddrs(env.to),
		Cc:        cloneAddrs(env.cc),
		Bcc:       cloneAddrs(env.bcc),
		InReplyTo: cloneStrings(env.inReplyTo),
		MessageID: env.messageID,
	}
	if len(out.Sender) == 0 {
		out.Sender = cloneAddrs(env.from)
	}
	if len(out.ReplyTo) == 0 {
		out.ReplyTo = cloneAddrs(env.from)
	}
	return out
}

func cloneAddrs(l []imap.Address) []imap.Address {
	if len(l) == 0 {
		return nil
	}
	return append([]imap.Address(nil), l...)
}

func cloneStrings(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return append([]string(nil), l...)
}

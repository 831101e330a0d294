package mime

import (
	"github.com/emersion/go-imap/v2"
)

// dateLayout is RFC 5322's date-time, for a Date known only as a parsed
// time (a version 1 blob, or a Date field over the retained-text budget).
const dateLayout = "Mon, 02 Jan 2006 15:04:05 -0700"

// Envelope returns the ENVELOPE of the message (RFC 9051 §7.5.2) with its
// text as written in the header, as Cyrus and Dovecot send it: the subject
// and display names unfolded but otherwise byte for byte, encoded-words
// left for the client to decode. Quoted display names lose their quotes,
// which the IMAP string re-adds.
//
// This departs from go-imap's documented convention (decoded UTF-8, bare
// msg-ids) so that a writer following that convention emits the header
// text: an In-Reply-To or Message-ID written as "<...>" comes back as one
// id without its outer angle brackets, which the writer puts back; one
// that is not is reduced to its msg-ids. Date is the parsed time (zero
// when absent or unparseable); EnvelopeDate has the text. As the RFC
// requires, an absent or empty Sender or Reply-To is given the value of
// From. A Structure read from a version 1 blob has only decoded text and
// returns that.
func (s *Structure) Envelope() *imap.Envelope {
	return s.root.env.imap()
}

// DecodedEnvelope returns the envelope in go-imap's conventions: subject
// and display names decoded to UTF-8, msg-ids without angle brackets. It
// is for indexing (SEARCH, SORT, THREAD), not for the ENVELOPE response.
func (s *Structure) DecodedEnvelope() *imap.Envelope {
	return s.root.env.decoded()
}

// EnvelopeDate returns the Date field as written, unfolded, for the
// ENVELOPE date (RFC 3501 §7.4.2 sends the header text, so "Mon, 7 Feb"
// stays unpadded and an unparseable date is still sent); "" if the
// message has no Date field. For a Structure from a version 1 blob, which
// kept only the parsed time, it is that time in RFC 5322 form.
func (s *Structure) EnvelopeDate() string {
	env := s.root.env
	if env.rawDate == "" && !env.date.IsZero() {
		return env.date.Format(dateLayout)
	}
	return env.rawDate
}

// imap converts a stored envelope to go-imap's type with the text as
// written, copying every slice so callers cannot change the Structure.
func (env *envelope) imap() *imap.Envelope {
	return env.build(env.subject, cloneAddrs,
		writtenIDs(env.inReplyTo, msgIDs), writtenIDs(env.messageID, messageIDList))
}

// decoded converts a stored envelope to go-imap's type in its own
// conventions.
func (env *envelope) decoded() *imap.Envelope {
	mid := messageIDList(env.messageID)
	return env.build(env.text(env.subject), env.names, msgIDs(env.inReplyTo), mid)
}

// build assembles an imap.Envelope; addrs copies (and maybe decodes) an
// address list.
func (env *envelope) build(subject string, addrs func([]imap.Address) []imap.Address, inReplyTo, messageID []string) *imap.Envelope {
	out := &imap.Envelope{
		Date:      env.date,
		Subject:   subject,
		From:      addrs(env.from),
		Sender:    addrs(env.sender),
		ReplyTo:   addrs(env.replyTo),
		To:        addrs(env.to),
		Cc:        addrs(env.cc),
		Bcc:       addrs(env.bcc),
		InReplyTo: inReplyTo,
	}
	if len(messageID) > 0 {
		out.MessageID = messageID[0]
	}
	if len(out.Sender) == 0 {
		out.Sender = addrs(env.from)
	}
	if len(out.ReplyTo) == 0 {
		out.ReplyTo = addrs(env.from)
	}
	return out
}

// writtenIDs returns a msg-id field for a writer that sends each id in
// angle brackets, space separated: a field written "<...>" (one msg-id or
// several) as one id without the outer brackets, so the writer restores
// the text exactly; anything else (a comment after the id, an obsolete
// phrase, no brackets) as the ids parse finds, which is the best the
// writer can carry.
func writtenIDs(raw string, parse func(string) []string) []string {
	if n := len(raw); n > 2 && raw[0] == '<' && raw[n-1] == '>' {
		return []string{raw[1 : n-1]}
	}
	return parse(raw)
}

// messageIDList is messageID as a list of at most one id.
func messageIDList(raw string) []string {
	if id := messageID(raw); id != "" {
		return []string{id}
	}
	return nil
}

// text decodes header text as written to UTF-8; legacy text already is.
func (env *envelope) text(s string) string {
	if env.legacy {
		return s
	}
	return DecodeHeader(s)
}

// names copies an address list with its display names, and group names,
// decoded.
func (env *envelope) names(l []imap.Address) []imap.Address {
	l = cloneAddrs(l)
	for i := range l {
		l[i].Name = env.text(l[i].Name)
		if l[i].IsGroupStart() {
			l[i].Mailbox = env.text(l[i].Mailbox)
		}
	}
	return l
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

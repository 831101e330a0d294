package mime

import (
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Summary are the header facts a store indexes for SEARCH, SORT and THREAD
// so that it need not read the message file. All text is UTF-8.
type Summary struct {
	// Date is the parsed Date field, zero if absent or unparseable.
	Date time.Time
	// Subject is the decoded Subject field.
	Subject string
	// BaseSubject is SubjectBase(Subject), the SORT SUBJECT key, and
	// ReplyOrForward whether extraction removed a reply or forward
	// marker (RFC 5256 §2.1).
	BaseSubject    string
	ReplyOrForward bool
	// From ... Sender are the decoded address fields in a display form
	// ("Name <mailbox@host>, ..."; groups as "Name: members;") for SEARCH
	// FROM/TO/CC/BCC substring matching; empty if the field is absent.
	From, To, Cc, Bcc, ReplyTo, Sender string
	// MessageID is "<id>"; InReplyTo is the first msg-id of In-Reply-To as
	// "<id>"; References are the msg-ids of References as "<id>", in
	// order (RFC 5256 §3 THREAD=REFERENCES).
	MessageID, InReplyTo string
	References           []string
	// FromMailbox, ToMailbox and CcMailbox are the local part of the first
	// address of From, To and Cc: the SORT FROM, TO and CC keys (RFC 5256
	// §3).
	FromMailbox, ToMailbox, CcMailbox string
	// FromDisplay and ToDisplay are the SORT DISPLAYFROM and DISPLAYTO
	// keys (RFC 5957 §3): the display name of the first address, or its
	// addr-spec when it has none.
	FromDisplay, ToDisplay string
}

// Summary returns the message's Summary, from the decoded forms of the
// envelope text.
func (s *Structure) Summary() Summary {
	env := s.root.env
	from, to, cc := env.names(env.from), env.names(env.to), env.names(env.cc)
	subject := env.text(env.subject)
	sum := Summary{
		Date:        env.date,
		Subject:     subject,
		From:        displayList(from),
		To:          displayList(to),
		Cc:          displayList(cc),
		Bcc:         displayList(env.names(env.bcc)),
		ReplyTo:     displayList(env.names(env.replyTo)),
		Sender:      displayList(env.names(env.sender)),
		MessageID:   bracket(messageID(env.messageID)),
		FromMailbox: firstMailbox(from).Mailbox,
		ToMailbox:   firstMailbox(to).Mailbox,
		CcMailbox:   firstMailbox(cc).Mailbox,
		FromDisplay: sortDisplay(from),
		ToDisplay:   sortDisplay(to),
	}
	sum.BaseSubject, sum.ReplyOrForward = SubjectBaseReply(subject)
	if ids := msgIDs(env.inReplyTo); len(ids) > 0 {
		sum.InReplyTo = bracket(ids[0])
	}
	for _, id := range env.references {
		sum.References = append(sum.References, bracket(id))
	}
	return sum
}

func bracket(id string) string {
	if id == "" {
		return ""
	}
	return "<" + id + ">"
}

// firstMailbox returns the first address that is not a group marker.
func firstMailbox(l []imap.Address) imap.Address {
	for _, a := range l {
		if !a.IsGroupStart() && !a.IsGroupEnd() {
			return a
		}
	}
	return imap.Address{}
}

// sortDisplay is the RFC 5957 key of an address list.
func sortDisplay(l []imap.Address) string {
	a := firstMailbox(l)
	if a.Name != "" {
		return a.Name
	}
	return addrSpec(a)
}

func addrSpec(a imap.Address) string {
	if a.Host == "" {
		return a.Mailbox
	}
	return a.Mailbox + "@" + a.Host
}

// displayList writes an address list for substring search.
func displayList(l []imap.Address) string {
	var sb strings.Builder
	sep := ""
	for _, a := range l {
		switch {
		case a.IsGroupStart():
			sb.WriteString(sep + a.Mailbox + ":")
			sep = " "
		case a.IsGroupEnd():
			sb.WriteString(";")
			sep = ", "
		default:
			sb.WriteString(sep)
			if a.Name != "" {
				sb.WriteString(a.Name + " <" + addrSpec(a) + ">")
			} else {
				sb.WriteString(addrSpec(a))
			}
			sep = ", "
		}
	}
	return sb.String()
}

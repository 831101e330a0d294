package wire

import (
	"strings"

	"github.com/emersion/go-imap/v2"
)

// envelopeDate is RFC 5322's date-time as ENVELOPE carries it.
const envelopeDate = "Mon, 02 Jan 2006 15:04:05 -0700"

// envelope appends an envelope (RFC 9051 §9): "(" date subject from
// sender reply-to to cc bcc in-reply-to message-id ")". Empty fields are
// NIL; a nil env is all NIL. imap.Envelope keeps message ids without
// angle brackets, so they are put back here.
// rawDate, when not empty, is the Date header's own text, sent instead of
// a date formatted from env.Date: servers send the header as written
// (RFC 9051 §7.5.2 gives env-date as the header's nstring).
func (w *Writer) envelope(env *imap.Envelope, rawDate string) {
	if env == nil {
		env = &imap.Envelope{}
	}
	w.Raw("(")
	switch {
	case rawDate != "":
		w.Str(rawDate)
	case env.Date.IsZero():
		w.NIL()
	default:
		w.Str(env.Date.Format(envelopeDate))
	}
	w.SP()
	w.NStr(env.Subject)
	for _, list := range [][]imap.Address{env.From, env.Sender, env.ReplyTo, env.To, env.Cc, env.Bcc} {
		w.SP()
		w.addressList(list)
	}
	w.SP()
	w.NStr(msgIDList(env.InReplyTo))
	w.SP()
	w.NStr(msgIDList([]string{env.MessageID}))
	w.Raw(")")
}

// msgIDList renders ids as "<id1> <id2>", "" for none.
func msgIDList(ids []string) string {
	var parts []string
	for _, id := range ids {
		if id != "" {
			parts = append(parts, "<"+id+">")
		}
	}
	return strings.Join(parts, " ")
}

// addressList appends "(" 1*address ")" or NIL. Group start and end
// markers follow RFC 9051 §7.5.2: (NIL NIL "group" NIL) and (NIL NIL NIL
// NIL).
func (w *Writer) addressList(list []imap.Address) {
	if len(list) == 0 {
		w.NIL()
		return
	}
	w.Raw("(")
	for i := range list {
		a := &list[i]
		w.Raw("(")
		w.NStr(a.Name)
		w.Raw(" NIL ") // addr-adl: source routes are obsolete
		w.NStr(a.Mailbox)
		w.SP()
		w.NStr(a.Host)
		w.Raw(")")
	}
	w.Raw(")")
}

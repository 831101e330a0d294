package server

import (
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/mime"
	"github.com/corvusmail/corvus/internal/store"
)

// parseMessage parses raw once and returns the structure blob and the
// header summary the store keeps, so FETCH and SEARCH never re-parse.
func parseMessage(raw []byte) ([]byte, store.Summary, error) {
	st := mime.Parse(raw)
	blob, err := st.MarshalBinary()
	if err != nil {
		return nil, store.Summary{}, fmt.Errorf("marshal structure: %w", err)
	}
	sum := st.Summary()
	env := st.DecodedEnvelope() // decoded text for SEARCH/SORT; FETCH sends the raw form
	out := store.Summary{
		Date: sum.Date, Subject: sum.Subject,
		MessageID: strings.Trim(sum.MessageID, "<>"),
	}
	if sum.InReplyTo != "" {
		out.InReplyTo = []string{strings.Trim(sum.InReplyTo, "<>")}
	}
	for _, r := range sum.References {
		out.References = append(out.References, strings.Trim(r, "<>"))
	}
	if env != nil {
		out.From, out.Sender, out.ReplyTo = addrs(env.From), addrs(env.Sender), addrs(env.ReplyTo)
		out.To, out.Cc, out.Bcc = addrs(env.To), addrs(env.Cc), addrs(env.Bcc)
	}
	return blob, out, nil
}

func addrs(in []imap.Address) []store.Address {
	var out []store.Address
	for _, a := range in {
		out = append(out, store.Address{Name: a.Name, Mailbox: a.Mailbox, Host: a.Host})
	}
	return out
}

// structure decodes a stored structure blob, parsing raw afresh only if
// the blob is missing or unreadable (a message stored by an older
// version).
func structure(blob []byte, raw func() ([]byte, error)) (*mime.Structure, error) {
	st := new(mime.Structure)
	if len(blob) > 0 && st.UnmarshalBinary(blob) == nil {
		return st, nil
	}
	b, err := raw()
	if err != nil {
		return nil, err
	}
	return mime.Parse(b), nil
}

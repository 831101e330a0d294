// Package ingest is what every path that adds a message to the store does
// once: parse it (internal/mime) and describe it in the store's terms, the
// structure blob FETCH decodes and the summary SEARCH and SORT read, so
// that no later command parses the message again. imapd's APPEND and the
// delivery layer (lmtpd) share it.
package ingest

import (
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/mime"
	"github.com/corvusmail/corvus/internal/store"
)

// Parse parses raw and returns its structure, the structure's stored form
// and the store's summary of its header.
func Parse(raw []byte) (*mime.Structure, []byte, store.Summary, error) {
	st := mime.Parse(raw)
	blob, err := st.MarshalBinary()
	if err != nil {
		return nil, nil, store.Summary{}, fmt.Errorf("marshal structure: %w", err)
	}
	return st, blob, Summary(st.Summary(), st.DecodedEnvelope()), nil
}

// Summary converts mime's summary into the store's: message ids without
// angle brackets, addresses decoded (env is the decoded envelope, for
// SEARCH and SORT; FETCH sends the raw form from the structure).
func Summary(sum mime.Summary, env *imap.Envelope) store.Summary {
	out := store.Summary{Date: sum.Date, Subject: sum.Subject, MessageID: strings.Trim(sum.MessageID, "<>")}
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
	return out
}

func addrs(in []imap.Address) []store.Address {
	var out []store.Address
	for _, a := range in {
		out = append(out, store.Address{Name: a.Name, Mailbox: a.Mailbox, Host: a.Host})
	}
	return out
}

package reconstruct

import (
	"bytes"
	"strings"
	"time"

	"github.com/corvusmail/corvus/internal/ingest"
	"github.com/corvusmail/corvus/internal/mime"
	"github.com/corvusmail/corvus/internal/store"
)

// Describe is the store's Describe for message files added back: the
// structure and summary the IMAP layer would have stored at APPEND
// (internal/ingest), and as internal date the date of the topmost
// Received field, which the last hop, the delivering server, wrote (RFC
// 5321 §4.4). Without one the store takes the file's modification time.
// Flags cannot be recovered from a message file: messages come back
// without any.
func Describe(raw []byte, _ time.Time) store.NewMessage {
	var msg store.NewMessage
	if _, blob, sum, err := ingest.Parse(raw); err == nil {
		msg.Structure, msg.Summary = blob, sum
	}
	msg.InternalDate = ReceivedDate(raw)
	return msg
}

// ReceivedDate returns the date of the first Received field of a
// message's header: the text after its last ';' (RFC 5322 §3.6.7), or
// the zero time when there is no such field or no date in it.
func ReceivedDate(raw []byte) time.Time {
	v, ok := firstField(raw, "received")
	if !ok {
		return time.Time{}
	}
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return time.Time{}
	}
	return mime.ParseDate(v[i+1:])
}

// firstField returns the unfolded value of the first header field named
// name (lower case), reading only the header.
func firstField(raw []byte, name string) (string, bool) {
	for len(raw) > 0 {
		line, rest, _ := bytes.Cut(raw, []byte("\n"))
		raw = rest
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 {
			return "", false // end of the header
		}
		field, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || !strings.EqualFold(string(bytes.TrimSpace(field)), name) || line[0] == ' ' || line[0] == '\t' {
			continue
		}
		v := string(value)
		for len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t') { // RFC 5322 §2.2.3 unfolding
			cont, rest, _ := bytes.Cut(raw, []byte("\n"))
			v += " " + string(bytes.TrimRight(cont, "\r"))
			raw = rest
		}
		return v, true
	}
	return "", false
}

package wire

import "bytes"

// Mailbox reads a mailbox name as sent (an astring; modified UTF-7 or
// UTF-8 is for the engine to decode, see DecodeMailboxUTF7). RFC 9051 §9:
// every case variant of INBOX is INBOX, so it is returned as "INBOX".
func (d *Decoder) Mailbox() ([]byte, error) {
	b, err := d.AstringBytes()
	if err != nil {
		return nil, d.errorf("expected mailbox name")
	}
	if bytes.EqualFold(b, []byte("INBOX")) {
		return []byte("INBOX"), nil
	}
	return b, nil
}

// ListMailbox reads a list-mailbox: 1*list-char (atom characters plus the
// wildcards "%" and "*") or a string.
func (d *Decoder) ListMailbox() ([]byte, error) {
	if d.Peek() == '"' || d.atLiteral() {
		return d.StrBytes()
	}
	start, lim := d.pos, d.limit()
	for d.pos < lim && isListChar(d.text[d.pos]) {
		d.pos++
	}
	if d.pos == start {
		return nil, d.errorf("expected mailbox pattern")
	}
	return bytes.Clone(d.text[start:d.pos]), nil
}

package server

import "bytes"

// checkAppended refuses what Cyrus's imapd refuses in an APPENDed message
// (and Corvus's lmtpd at delivery): a NUL anywhere in a plain literal,
// and in the header even of a literal8 (RFC 3516 allows NUL in binary
// content only); a CR not followed by LF or an LF not preceded by CR.
// Stored, such a message could not be sent back as it came, since IMAP
// text carries neither (RFC 9051 §4.3.1).
func checkAppended(raw []byte, binary bool) error {
	head := raw
	if end := bytes.Index(raw, []byte("\r\n\r\n")); end >= 0 {
		head = raw[:end+4]
	}
	if bytes.IndexByte(head, 0) >= 0 || !binary && bytes.IndexByte(raw, 0) >= 0 {
		return no("", "Message contains NUL characters")
	}
	if !binary && bareNewline(raw) || binary && bareNewline(head) {
		return no("", "Message contains bare newlines")
	}
	return nil
}

// bareNewline reports a CR or LF that is not part of a CRLF pair.
func bareNewline(b []byte) bool {
	for i := 0; i < len(b); {
		j := bytes.IndexAny(b[i:], "\r\n")
		if j < 0 {
			return false
		}
		i += j
		if b[i] == '\n' || i+1 >= len(b) || b[i+1] != '\n' {
			return true
		}
		i += 2
	}
	return false
}

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

// bareNewline reports a CR or LF that is not part of a CRLF pair: there
// is none exactly when CRs, LFs and CRLF pairs are equally many. Three
// counting passes (vectorised in package bytes) cost a fraction of a
// search for either byte from every line end.
func bareNewline(b []byte) bool {
	pairs := bytes.Count(b, crlf)
	return bytes.Count(b, cr) != pairs || bytes.Count(b, lf) != pairs
}

var (
	crlf = []byte("\r\n")
	cr   = []byte("\r")
	lf   = []byte("\n")
)

package telemetry

// SASLSpans returns the byte ranges of client SASL data in buf, line by
// line, for imapd's AUTHENTICATE and lmtpd's AUTH (RFC 4954):
//
//   - a command line "AUTH mech ir", "AUTHENTICATE mech ir" or
//     "tag AUTHENTICATE mech ir": the initial response ir, unless "=";
//     the line without ir is left whole;
//   - any other line is a continuation response (base64 has no spaces):
//     its content, unless empty or "*" (the client cancelling), neither of
//     which carries a secret.
//
// Line ends stay visible. Pass it only command lines of those two commands
// and the client's lines while the exchange lasts: any other line would be
// masked whole.
func SASLSpans(buf []byte) [][2]int {
	var spans [][2]int
	for pos := 0; pos < len(buf); {
		eol := lineEnd(buf, pos)
		if sp, ok, isCmd := saslCommand(buf, pos); isCmd {
			if ok {
				spans = append(spans, sp)
			}
		} else if content := buf[pos:eol]; len(content) > 0 && string(content) != "*" {
			spans = append(spans, [2]int{pos, eol})
		}
		pos = skipEOL(buf, eol)
	}
	return spans
}

// MaskSASL returns buf with the ranges SASLSpans finds replaced by
// Placeholder, or buf itself when it holds no SASL data.
func MaskSASL(buf []byte) []byte { return Mask(buf, SASLSpans(buf)) }

// saslCommand recognises an AUTH/AUTHENTICATE command line at pos, which
// needs a mechanism after the command name, and finds its initial response.
func saslCommand(b []byte, pos int) (sp [2]int, ok, isCmd bool) {
	s1, e1 := token(b, pos)
	s2, e2 := token(b, e1)
	switch {
	case (isWord(b, s1, e1, "AUTH") || isWord(b, s1, e1, "AUTHENTICATE")) && s2 < e2:
		sp, ok = initialResponse(b, e1)
		return sp, ok, true
	case isWord(b, s2, e2, "AUTHENTICATE") || isWord(b, s2, e2, "AUTH"):
		if ms, me := token(b, e2); ms < me {
			sp, ok = initialResponse(b, e2)
			return sp, ok, true
		}
	}
	return sp, false, false
}

// skipEOL returns the position after the line end at eol: one CR, LF or
// CRLF (a lone CR counts, so a line never hides behind one).
func skipEOL(b []byte, eol int) int {
	if eol < len(b) && b[eol] == '\r' {
		eol++
	}
	if eol < len(b) && b[eol] == '\n' {
		eol++
	}
	return eol
}

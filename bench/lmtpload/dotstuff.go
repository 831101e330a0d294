package main

// stuff returns msg as DATA sends it (RFC 5321 §4.5.2): a period that
// starts a line gets another in front, and the text ends in CRLF so that
// ".\r\n" after it is the terminator. Only CRLF ends a line, as on the
// server side (internal/lmtp's readDot), so a period after a bare LF is
// left alone.
func stuff(msg []byte) []byte {
	out := make([]byte, 0, len(msg)+len(msg)/64+2)
	bol := true
	for i, c := range msg {
		if bol && c == '.' {
			out = append(out, '.')
		}
		out = append(out, c)
		bol = c == '\n' && i > 0 && msg[i-1] == '\r'
	}
	if n := len(out); n < 2 || out[n-2] != '\r' || out[n-1] != '\n' {
		out = append(out, '\r', '\n')
	}
	return out
}

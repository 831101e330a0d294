package main

import (
	"bufio"
	"fmt"

	"github.com/corvusmail/corvus/bench/wireline"
)

// maxLine bounds one line from the server (IMAP or LMTP): the benchmark
// reads only short status lines, and a confused server must not make it
// buffer without end.
const maxLine = 16 << 10

// lmtpReply is a whole LMTP reply: its code and its last line's text.
type lmtpReply struct {
	code int
	text string
}

func (r lmtpReply) String() string { return wireline.Short(fmt.Sprintf("%d %s", r.code, r.text)) }

// readLMTPReply reads one reply: "ddd-" lines continue it, a "ddd " or
// bare "ddd" line ends it (RFC 5321 §4.2.1, which LMTP keeps).
func readLMTPReply(br *bufio.Reader) (lmtpReply, error) {
	for {
		line, err := wireline.Read(br, maxLine)
		if err != nil {
			return lmtpReply{}, err
		}
		code, more, ok := parseReplyLine(line)
		if !ok {
			return lmtpReply{}, fmt.Errorf("malformed LMTP reply %q", wireline.Short(line))
		}
		if !more {
			return lmtpReply{code: code, text: line[min(4, len(line)):]}, nil
		}
	}
}

// parseReplyLine reads a reply line's three-digit code (RFC 5321 §4.2:
// first digit 2–5) and whether another line follows ('-' after the code).
func parseReplyLine(line string) (code int, more, ok bool) {
	if len(line) < 3 || line[0] < '2' || line[0] > '5' {
		return 0, false, false
	}
	for i := range 3 {
		if line[i] < '0' || line[i] > '9' {
			return 0, false, false
		}
		code = code*10 + int(line[i]-'0')
	}
	switch {
	case len(line) == 3, line[3] == ' ':
		return code, false, true
	case line[3] == '-':
		return code, true, true
	}
	return 0, false, false
}

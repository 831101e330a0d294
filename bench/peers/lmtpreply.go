package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/bench/wireline"
)

// lmtpReply is one whole LMTP reply: its code and the text of each line.
type lmtpReply struct {
	code  int
	lines []string
}

// String is the reply on one line, for error messages.
func (r lmtpReply) String() string {
	return wireline.Short(strconv.Itoa(r.code) + " " + strings.Join(r.lines, " / "))
}

// readLMTPReply reads one reply: "ddd-text" lines continue it, the first
// "ddd text" or "ddd" line ends it (RFC 5321 §4.2.1), and every line
// carries the same code.
func readLMTPReply(br *bufio.Reader) (lmtpReply, error) {
	var r lmtpReply
	for {
		line, err := wireline.Read(br, 64<<10)
		if err != nil {
			return r, err
		}
		code, last, text, err := parseReplyLine(line)
		if err != nil {
			return r, err
		}
		if len(r.lines) > 0 && code != r.code {
			return r, fmt.Errorf("reply line %q changes the code from %d", wireline.Short(line), r.code)
		}
		r.code = code
		r.lines = append(r.lines, text)
		if last {
			return r, nil
		}
	}
}

// parseReplyLine splits one reply line into its code, whether it ends the
// reply, and its text (RFC 5321 §4.2: three digits, the first 2–5, the
// second 0–5, then SP, "-" or nothing).
func parseReplyLine(line string) (code int, last bool, text string, err error) {
	if len(line) < 3 || line[0] < '2' || line[0] > '5' || line[1] < '0' || line[1] > '5' || line[2] < '0' || line[2] > '9' {
		return 0, false, "", fmt.Errorf("malformed reply line %q", wireline.Short(line))
	}
	code = int(line[0]-'0')*100 + int(line[1]-'0')*10 + int(line[2]-'0')
	switch {
	case len(line) == 3:
		return code, true, "", nil
	case line[3] == ' ':
		return code, true, line[4:], nil
	case line[3] == '-':
		return code, false, line[4:], nil
	}
	return 0, false, "", fmt.Errorf("malformed reply line %q", wireline.Short(line))
}

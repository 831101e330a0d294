package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/bench/wireline"
)

// maxLine bounds one reply line, so a confused server cannot make the
// client buffer without end. RFC 5321 §4.5.3.1.5 allows 512 octets; the
// slack tolerates long texts.
const maxLine = 64 << 10

// reply is one whole LMTP reply: its code and the text of every line,
// e.g. {250, ["2.1.5 Ok SESSIONID=<…>"]}.
type reply struct {
	code  int
	lines []string
}

// String is the reply as one line, for error messages.
func (r reply) String() string {
	return wireline.Short(strconv.Itoa(r.code) + " " + strings.Join(r.lines, " / "))
}

// readReply reads one reply: lines "ddd-text" continue it, the first line
// "ddd text" or "ddd" ends it (RFC 5321 §4.2.1); every line must carry the
// same code.
func readReply(br *bufio.Reader) (reply, error) {
	var r reply
	for {
		line, err := wireline.Read(br, maxLine)
		if err != nil {
			return r, err
		}
		code, last, text, err := parseLine(line)
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

// parseLine splits one reply line into its code, whether it is the
// reply's last line, and its text. RFC 5321 §4.2: the code is three digits,
// the first 2–5, the second 0–5; then SP (last line), "-" (more to come)
// or nothing (last line, no text).
func parseLine(line string) (code int, last bool, text string, err error) {
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

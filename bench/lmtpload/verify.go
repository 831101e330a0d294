package main

import (
	"bufio"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/corvusmail/corvus/bench/wireline"
)

// userPW is every bench user's IMAP password.
const userPW = "lmtpload-pw"

// storedMessages asks imapd, through the same master, how many messages
// each user's INBOX holds (STATUS INBOX (MESSAGES), RFC 9051 §6.3.11) and
// returns their sum: an independent count of what the store kept.
func storedMessages(addr string) (int, error) {
	total := 0
	for i := range users {
		n, err := inboxCount(addr, userName(i))
		if err != nil {
			return 0, fmt.Errorf("IMAP STATUS of %s: %w", userName(i), err)
		}
		total += n
	}
	return total, nil
}

// inboxCount is one IMAP session: LOGIN, STATUS, LOGOUT.
func inboxCount(addr, user string) (int, error) {
	c, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(ioTimeout))
	br := bufio.NewReader(c)
	if g, err := wireline.Read(br, maxLine); err != nil || !strings.HasPrefix(g, "* OK") {
		return 0, fmt.Errorf("greeting %q: %v", wireline.Short(g), err)
	}
	if _, err := imapCmd(c, br, "a1", fmt.Sprintf("LOGIN %s %s", user, userPW)); err != nil {
		return 0, err
	}
	untagged, err := imapCmd(c, br, "a2", "STATUS INBOX (MESSAGES)")
	if err != nil {
		return 0, err
	}
	imapCmd(c, br, "a3", "LOGOUT")
	for _, u := range untagged {
		if n, ok := statusMessages(u); ok {
			return n, nil
		}
	}
	return 0, fmt.Errorf("no STATUS response in %q", untagged)
}

// imapCmd sends one command and reads to its tagged reply, which must be
// OK; it returns the untagged lines.
func imapCmd(c net.Conn, br *bufio.Reader, tag, command string) ([]string, error) {
	if _, err := fmt.Fprintf(c, "%s %s\r\n", tag, command); err != nil {
		return nil, err
	}
	verb, _, _ := strings.Cut(command, " ")
	var untagged []string
	for {
		line, err := wireline.Read(br, maxLine)
		if err != nil {
			return untagged, fmt.Errorf("%s: %w", verb, err)
		}
		if rest, ok := strings.CutPrefix(line, tag+" "); ok {
			if !strings.HasPrefix(strings.ToUpper(rest), "OK") {
				return untagged, fmt.Errorf("%s: %s", verb, wireline.Short(rest))
			}
			return untagged, nil
		}
		untagged = append(untagged, line)
	}
}

// statusMessages reads n from "* STATUS <mailbox> (… MESSAGES n …)". The
// attribute list is the last parenthesised part, whatever the mailbox
// name holds.
func statusMessages(line string) (int, bool) {
	f := strings.Fields(line)
	open, end := strings.LastIndexByte(line, '('), strings.LastIndexByte(line, ')')
	if len(f) < 3 || f[0] != "*" || !strings.EqualFold(f[1], "STATUS") || open < 0 || end < open {
		return 0, false
	}
	items := strings.Fields(line[open+1 : end])
	for i := 0; i+1 < len(items); i += 2 {
		if strings.EqualFold(items[i], "MESSAGES") {
			n, err := strconv.ParseUint(items[i+1], 10, 31)
			if err != nil {
				return 0, false
			}
			return int(n), true
		}
	}
	return 0, false
}

package cyrusserver

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"time"
)

// Deliver hands one message to Cyrus's lmtpd for rcpt (RFC 2033), as an
// MTA would, bounded to 30 s.
func (s *Server) Deliver(rcpt string, msg []byte) error {
	c, err := net.DialTimeout("tcp", s.LMTP, 5*time.Second)
	if err != nil {
		return fmt.Errorf("LMTP connect: %w", err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	r := bufio.NewReader(c)
	steps := []struct{ send, want string }{
		{"", "220"},
		{"LHLO test.example\r\n", "250"},
		{"MAIL FROM:<sender@example.org>\r\n", "250"},
		{"RCPT TO:<" + rcpt + ">\r\n", "250"},
		{"DATA\r\n", "354"},
		{dotStuff(msg) + ".\r\n", "250"},
		{"QUIT\r\n", "221"},
	}
	for _, st := range steps {
		if st.send != "" {
			if _, err := c.Write([]byte(st.send)); err != nil {
				return fmt.Errorf("LMTP write: %w", err)
			}
		}
		if err := expect(r, st.want); err != nil {
			return fmt.Errorf("LMTP after %q: %w", strings.TrimSpace(firstLine(st.send)), err)
		}
	}
	return nil
}

// expect reads one (possibly multi-line) reply and checks its code.
func expect(r *bufio.Reader, code string) error {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return err
		}
		if !strings.HasPrefix(line, code) {
			return fmt.Errorf("reply %q, want %s", strings.TrimSpace(line), code)
		}
		if len(line) < 4 || line[3] != '-' {
			return nil
		}
	}
}

// dotStuff doubles leading dots (RFC 5321 §4.5.2) and ends the message
// with CRLF.
func dotStuff(msg []byte) string {
	s := string(msg)
	if !strings.HasSuffix(s, "\r\n") {
		s += "\r\n"
	}
	lines := strings.SplitAfter(s, "\r\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") {
			lines[i] = "." + l
		}
	}
	return strings.Join(lines, "")
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

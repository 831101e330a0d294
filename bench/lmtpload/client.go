package main

import (
	"bufio"
	"fmt"
	"net"
	"time"
)

// ioTimeout bounds every exchange, so a stuck server fails the run
// instead of hanging it.
const ioTimeout = 30 * time.Second

// sender is one raw LMTP connection: commands are written as text and
// replies read with readReply, so no client library's cost is in the
// timings.
type sender struct {
	c  net.Conn
	br *bufio.Reader
	bw *bufio.Writer
}

// dialLMTP connects over network ("tcp" or "unix") and starts a session
// on the connection.
func dialLMTP(network, addr string) (*sender, error) {
	c, err := net.DialTimeout(network, addr, ioTimeout)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", addr, err)
	}
	s, err := newSender(c)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("%s: %w", addr, err)
	}
	return s, nil
}

// newSender reads the greeting and sends LHLO, once per connection as an
// MTA does.
func newSender(c net.Conn) (*sender, error) {
	s := &sender{c: c, br: bufio.NewReaderSize(c, 16<<10), bw: bufio.NewWriterSize(c, 64<<10)}
	c.SetDeadline(time.Now().Add(ioTimeout))
	if r, err := readReply(s.br); err != nil || r.code != 220 {
		return nil, fmt.Errorf("greeting: %v %v", r, err)
	}
	if r, err := s.cmd("LHLO lmtpload.example"); err != nil || r.code != 250 {
		return nil, fmt.Errorf("LHLO: %v %v", r, err)
	}
	return s, nil
}

func (s *sender) close() error { return s.c.Close() }

// cmd sends one command line and reads its reply.
func (s *sender) cmd(line string) (reply, error) {
	s.bw.WriteString(line)
	s.bw.WriteString("\r\n")
	if err := s.bw.Flush(); err != nil {
		return reply{}, fmt.Errorf("send %.4s: %w", line, err)
	}
	r, err := readReply(s.br)
	if err != nil {
		return r, fmt.Errorf("%.4s: %w", line, err)
	}
	return r, nil
}

// outcome is what one transaction gave.
type outcome struct {
	delivered, failed int           // per-recipient replies: 250 or not
	wait              time.Duration // final dot sent → last reply read
	whole             time.Duration // MAIL FROM sent → last reply read
	refusal           string        // the first reply other than the expected one
}

// refuse notes r as the transaction's first refusal.
func (o *outcome) refuse(r reply) {
	if o.refusal == "" {
		o.refusal = r.String()
	}
}

// send delivers one message: MAIL FROM, one RCPT TO per recipient, DATA,
// the message with msgID in front, and one reply per accepted recipient
// after the dot (RFC 2033 §4.2). Commands go one at a time, without
// PIPELINING. A refused MAIL, RCPT or DATA counts as failed recipients;
// only broken I/O or a malformed reply is an error.
func (s *sender) send(msgID string, body []byte, rcpts []string) (outcome, error) {
	var o outcome
	t0 := time.Now()
	s.c.SetDeadline(t0.Add(ioTimeout))
	r, err := s.cmd("MAIL FROM:<bench@lmtpload.example>")
	if err != nil || r.code != 250 {
		o.failed = len(rcpts)
		o.refuse(r)
		return o, err
	}
	accepted := 0
	for _, rc := range rcpts {
		r, err := s.cmd("RCPT TO:<" + rc + ">")
		if err != nil {
			return o, err
		}
		if r.code == 250 {
			accepted++
		} else {
			o.refuse(r)
		}
	}
	o.failed = len(rcpts) - accepted
	if accepted == 0 {
		_, err := s.cmd("RSET")
		return o, err
	}
	if r, err = s.cmd("DATA"); err != nil || r.code != 354 {
		o.failed = len(rcpts)
		o.refuse(r)
		if err == nil {
			_, err = s.cmd("RSET")
		}
		return o, err
	}
	s.bw.WriteString("Message-ID: <" + msgID + "@lmtpload.example>\r\n")
	s.bw.Write(body)
	s.bw.WriteString(".\r\n")
	if err := s.bw.Flush(); err != nil {
		return o, fmt.Errorf("send message: %w", err)
	}
	t1 := time.Now()
	for range accepted {
		r, err := readReply(s.br)
		if err != nil {
			return o, fmt.Errorf("reply after DATA: %w", err)
		}
		if r.code == 250 {
			o.delivered++
		} else {
			o.failed++
			o.refuse(r)
		}
	}
	t2 := time.Now()
	o.wait, o.whole = t2.Sub(t1), t2.Sub(t0)
	return o, nil
}
